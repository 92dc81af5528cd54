package dev.apex.backends.llamanative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.backends.BackendSettings;
import dev.apex.backends.Backends;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.PermanentBackendException;
import dev.apex.backends.TestModels;
import dev.apex.backends.TokenListener;
import dev.apex.backends.gguf.SyntheticGguf;
import dev.apex.backends.memory.ProcessMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad engines and bad models give one clear exception, never a crash; close gives memory back. */
class NativeLoadIT {

  @TempDir Path tmp;

  @Test
  void emptyEngineDir_failsNamingTheBuildCommand() {
    BackendSettings settings = TestModels.defaultNative().withNativeLibPath(tmp);
    assertThatThrownBy(() -> Backends.open(settings))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessage("no native engine at " + tmp + " (no engine.json): run ./apex native build");
  }

  @Test
  void engineWithoutShim_failsNamingTheShim() throws Exception {
    Files.writeString(tmp.resolve("engine.json"), "{\"llama_cpp\":\"x\",\"backend\":\"cpu\"}");
    Files.createDirectories(tmp.resolve("lib"));
    BackendSettings settings = TestModels.defaultNative().withNativeLibPath(tmp);
    assertThatThrownBy(() -> Backends.open(settings))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessageContaining("has no lib/libapexllama")
        .hasMessageEndingWith("run ./apex native build again");
  }

  @Test
  void cudaAskedOfACpuEngine_failsNamingTheEngine() {
    BackendSettings settings = TestModels.defaultNative().withBackend("native_cuda");
    assertThatThrownBy(() -> Backends.open(settings))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessageContaining("native_cuda asked for, but the native engine at")
        .hasMessageContaining("is a cpu build");
  }

  @Test
  void missingModel_failsBeforeNativeCode() {
    BackendSettings settings =
        TestModels.defaultNative().withModelPath(tmp.resolve("missing.gguf"));
    assertThatThrownBy(() -> Backends.open(settings))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessageStartingWith("model file not found: " + tmp.resolve("missing.gguf"));
  }

  @Test
  void modelLlamaCppRefuses_failsCleanlyAndTheEngineStaysUsable() throws Exception {
    // A whole, valid GGUF file of an architecture llama.cpp does not know.
    Path bad =
        SyntheticGguf.llama(2, 2, 64)
            .put("general.architecture", "nosuch")
            .put("nosuch.context_length", 4096L)
            .put("nosuch.block_count", 2L)
            .put("nosuch.embedding_length", 256L)
            .put("nosuch.attention.head_count", 4L)
            .put("nosuch.attention.head_count_kv", 2L)
            .writeTo(tmp.resolve("bad.gguf"));
    BackendSettings settings = TestModels.defaultNative().withModelPath(bad);
    assertThatThrownBy(() -> Backends.open(settings))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessageStartingWith("llama.cpp could not load the model " + bad);

    try (ModelBackend good = Backends.open(TestModels.defaultNative())) {
      assertThat(
              good.complete(CompletionRequest.ofPrompt("The sea is", 3), TokenListener.NONE)
                  .usage()
                  .completionTokens())
          .isPositive();
    }
  }

  @Test
  void close_returnsTheModelsMemoryAndLaterCallsFail() {
    long before = ProcessMemory.rssBytes().orElseThrow();
    ModelBackend backend = Backends.open(TestModels.defaultNative());
    backend.complete(CompletionRequest.ofPrompt("The sea is", 3), TokenListener.NONE);
    long loaded = ProcessMemory.rssBytes().orElseThrow();
    backend.close();
    long after = ProcessMemory.rssBytes().orElseThrow();

    assertThat(loaded - before).isGreaterThan(60L << 20);
    assertThat(after).isLessThan(loaded - (50L << 20));
    assertThatThrownBy(() -> backend.countTokens("sea"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("backend closed");
    assertThatThrownBy(
            () -> backend.complete(CompletionRequest.ofPrompt("The sea is", 3), TokenListener.NONE))
        .isInstanceOf(IllegalStateException.class);
  }
}
