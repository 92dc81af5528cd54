package dev.apex.backends.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.Pair;
import dev.apex.backends.Backends;
import dev.apex.backends.ChatMessage;
import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.GenerationCancelledException;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.ModelBackendContractTest;
import dev.apex.backends.PermanentBackendException;
import dev.apex.backends.TestModels;
import dev.apex.backends.TokenListener;
import dev.apex.backends.gguf.GgufFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on the real default model (SmolLM2-135M-Instruct, Q4_1), plus llama.cpp specifics.
 */
class LlamaCppBackendIT extends ModelBackendContractTest {

  private static LlamaCppBackend backend;

  @BeforeAll
  static void load() {
    backend = (LlamaCppBackend) Backends.open(TestModels.defaultLlamaCpp());
  }

  @Override
  protected ModelBackend backend() {
    return backend;
  }

  @Test
  void info_namesTheDeviceAndTheModelFile() {
    assertThat(backend.info().backend()).isEqualTo("llamacpp");
    assertThat(backend.info().deviceKind()).isEqualTo(TestModels.expectedDeviceKind());
    assertThat(backend.info().model()).endsWith("SmolLM2-135M-Instruct.Q4_1.gguf");
    assertThat(backend.info().contextSize()).isEqualTo(2048);
  }

  @Test
  void defaultModelsTemplate_isTheOneTheGoldenPromptsUse() throws Exception {
    assertThat(GgufFile.read(TestModels.defaultModel()).chatTemplate())
        .contains(ChatTemplateTest.SMOLLM2);
  }

  @Test
  void renderPrompt_equalsLlamaCppsOwnChatmlRendering() {
    // llama.cpp's built-in ChatML agrees with the model's template when a system message is given
    // and the text stays in the BMP (its applyTemplate mangles other characters).
    List<ChatMessage> messages =
        List.of(
            ChatMessage.system("You are terse."),
            ChatMessage.user("Fix add()."),
            ChatMessage.assistant("Done."),
            ChatMessage.user("Now test it."));
    List<Pair<String, String>> turns = new ArrayList<>();
    for (ChatMessage m : messages.subList(1, messages.size())) {
      turns.add(new Pair<>(m.role().wireName(), m.content()));
    }
    String native_ =
        backend
            .nativeModel()
            .applyTemplate(new InferenceParameters("").setMessages("You are terse.", turns));
    assertThat(backend.renderPrompt(messages)).isEqualTo(native_);
  }

  @Test
  void complete_promptTokensAreTheRenderedPromptsTokens() {
    List<ChatMessage> messages = List.of(ChatMessage.user("Say hi 🌊 to the sea."));
    Completion completion =
        backend.complete(CompletionRequest.ofMessages(messages, 4), TokenListener.NONE);
    assertThat(completion.usage().promptTokens())
        .isEqualTo(backend.countTokens(backend.renderPrompt(messages)));
    assertThat(completion.usage().promptTokens()).isGreaterThan(20);
  }

  @Test
  void complete_nonBmpOutput_countsEveryTokenOnce() {
    List<Integer> seen = new ArrayList<>();
    StringBuilder pieces = new StringBuilder();
    Completion completion =
        backend.complete(
            CompletionRequest.ofMessages(
                List.of(ChatMessage.user("Repeat exactly: 🎉🎉 日本 🐛")), 24),
            (piece, soFar) -> {
              seen.add(soFar);
              pieces.append(piece);
            });
    assertThat(pieces.toString()).isEqualTo(completion.text());
    assertThat(seen).hasSize(completion.usage().completionTokens());
    for (int i = 0; i < seen.size(); i++) {
      assertThat(seen.get(i)).isEqualTo(i + 1);
    }
  }

  @Test
  void complete_threadInterrupted_cancelsBetweenTokensAndStaysUsable() {
    assertThatThrownBy(() ->
            backend.complete(
                CompletionRequest.ofMessages(
                    List.of(ChatMessage.user("Write a long story about a lighthouse.")), 200),
                (piece, soFar) -> {
                  if (soFar == 3) {
                    Thread.currentThread().interrupt();
                  }
                }))
        .isInstanceOf(GenerationCancelledException.class);
    assertThat(Thread.interrupted()).isTrue();
    Completion after =
        backend.complete(
            CompletionRequest.ofMessages(List.of(ChatMessage.user("hi")), 3), TokenListener.NONE);
    assertThat(after.usage().completionTokens()).isPositive();
  }

  @Test
  void complete_promptLongerThanContext_failsPermanently() {
    String longText = "lighthouse ".repeat(3000);
    assertThatThrownBy(
            () -> backend.complete(CompletionRequest.ofPrompt(longText, 8), TokenListener.NONE))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessageContaining("does not fit the context of 2048");
  }

  @Test
  void complete_invalidSchema_failsPermanentlyWithoutTouchingNativeCode() {
    assertThatThrownBy(() ->
            backend.complete(
                CompletionRequest.ofPrompt("x", 4).withJsonSchema("{not json"), TokenListener.NONE))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessageStartingWith("jsonSchema is not JSON");
  }

  @Test
  void secondModelInTheSameProcess_isRefused() {
    assertThatThrownBy(() -> Backends.open(TestModels.defaultLlamaCpp()))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessageStartingWith("one model per process: ");
  }
}
