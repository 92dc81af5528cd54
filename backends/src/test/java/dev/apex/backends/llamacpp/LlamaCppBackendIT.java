package dev.apex.backends.llamacpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.Pair;
import dev.apex.backends.Backends;
import dev.apex.backends.ChatMessage;
import dev.apex.backends.GgufModelContractTest;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.PermanentBackendException;
import dev.apex.backends.TestModels;
import dev.apex.backends.gguf.GgufFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on the real default model (SmolLM2-135M-Instruct, Q4_1), plus llama.cpp specifics.
 */
class LlamaCppBackendIT extends GgufModelContractTest {

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
  void secondModelInTheSameProcess_isRefused() {
    assertThatThrownBy(() -> Backends.open(TestModels.defaultLlamaCpp()))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessageStartingWith("one model per process: ");
  }
}
