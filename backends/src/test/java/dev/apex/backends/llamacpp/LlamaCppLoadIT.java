package dev.apex.backends.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.backends.Backends;
import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.PermanentBackendException;
import dev.apex.backends.TestModels;
import dev.apex.backends.TokenListener;
import dev.apex.backends.gguf.GgufFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Loading pitfalls on the real default model, in one fresh JVM: the order of the tests matters. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LlamaCppLoadIT {

  private static final int SMALL_CONTEXT = 128;
  private static final ByteArrayOutputStream STDOUT = new ByteArrayOutputStream();
  private static @Nullable LlamaCppBackend backend;

  @Test
  @Order(1)
  void rejectedParameter_failsCleanlyInsteadOfCrashingOnFirstUse() throws Exception {
    // An unknown device makes llama.cpp return an empty model; using it would segfault.
    LlamaSettings bad =
        new LlamaSettings(
            TestModels.defaultLlamaCpp()
                .withContextSize(SMALL_CONTEXT)
                .withGpuLayers(0)
                .withCudaDevice(7),
            LlamaSettings.Device.CUDA,
            42,
            false);
    GgufFile header = GgufFile.read(TestModels.defaultModel());
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(STDOUT, true, StandardCharsets.UTF_8));
    try {
      assertThatThrownBy(() -> LlamaCppBackend.load(bad, header, "none"))
          .isInstanceOf(PermanentBackendException.class)
          .hasMessageStartingWith("llama.cpp rejected a parameter and loaded nothing");
    } finally {
      System.setOut(stdout);
    }
  }

  @Test
  @Order(2)
  void afterAFailedLoad_aCorrectLoadWorks_andNothingReachedStdout() {
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(STDOUT, true, StandardCharsets.UTF_8));
    try {
      LlamaCppLoadIT.backend =
          (LlamaCppBackend)
              Backends.open(TestModels.defaultLlamaCpp().withContextSize(SMALL_CONTEXT));
      LlamaCppLoadIT.backend.warmup();
    } finally {
      System.setOut(stdout);
    }
    assertThat(STDOUT.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(NativeLibrary.load(null))
        .hasValueSatisfying(lib ->
            assertThat(lib.toString()).contains("apex-jllama-" + ProcessHandle.current().pid()));
  }

  @Test
  @Order(3)
  void maxTokensBeyondTheContext_isClampedToWhatIsLeft() {
    LlamaCppBackend backend = Objects.requireNonNull(LlamaCppLoadIT.backend, "loaded by test 2");
    String prompt = "one two ".repeat(55);
    int promptTokens = backend.countTokens(prompt);
    Completion completion =
        backend.complete(
            CompletionRequest.ofPrompt(prompt, 500).withTemperature(0.9f, 1), TokenListener.NONE);
    assertThat(completion.usage().promptTokens()).isEqualTo(promptTokens);
    assertThat(completion.usage().total()).isLessThanOrEqualTo(SMALL_CONTEXT);
  }
}
