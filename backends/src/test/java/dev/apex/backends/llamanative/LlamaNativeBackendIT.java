package dev.apex.backends.llamanative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.backends.Backends;
import dev.apex.backends.ChatMessage;
import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.GgufModelContractTest;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.TestModels;
import dev.apex.backends.TokenListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on the real default model served by the native engine, plus what the engine adds:
 * llama.cpp's own template agrees with ours, and a grown conversation prefills only its new part.
 */
class LlamaNativeBackendIT extends GgufModelContractTest {

  private static final List<ChatMessage> FIRST =
      List.of(
          ChatMessage.system("You are a terse assistant."),
          ChatMessage.user("Name a colour of the sea."));

  private static LlamaNativeBackend backend;

  @BeforeAll
  static void load() {
    backend = (LlamaNativeBackend) Backends.open(TestModels.defaultNative());
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  @Override
  protected ModelBackend backend() {
    return backend;
  }

  @Test
  void info_namesTheNativeEngineItsVersionAndInstructionSet() {
    assertThat(backend.info().backend()).isEqualTo("native");
    // The device the engine was built for (a CUDA engine on the GPU machine, cpu here, metal on a
    // Mac): a CUDA engine that quietly ran on the CPU would fail this.
    assertThat(backend.info().deviceKind()).isEqualTo(backend.engine().backend());
    assertThat(backend.info().model()).endsWith("SmolLM2-135M-Instruct.Q4_1.gguf");
    assertThat(backend.info().engine().llamaCpp()).isEqualTo(backend.engine().llamaCpp());
    assertThat(backend.info().engine().name()).isEqualTo(backend.engine().dir().toString());
    assertThat(backend.info().engine().instructionSet()).isNotBlank();
  }

  @Test
  void renderPrompt_equalsLlamaCppsOwnTemplateRendering() {
    List<ChatMessage> messages =
        List.of(
            ChatMessage.system("You are terse."),
            ChatMessage.user("Fix add() 🌊."),
            ChatMessage.assistant("Done."),
            ChatMessage.user("Now test it."));
    assertThat(backend.renderPrompt(messages)).isEqualTo(backend.nativeTemplate(messages));
  }

  @Test
  void complete_grownConversation_prefillsOnlyTheNewTurn() {
    Completion first = backend.complete(CompletionRequest.ofMessages(FIRST, 8), TokenListener.NONE);
    List<ChatMessage> grown = new ArrayList<>(FIRST);
    grown.add(ChatMessage.assistant(first.text()));
    grown.add(ChatMessage.user("And a colour of the sky?"));
    Completion second =
        backend.complete(CompletionRequest.ofMessages(grown, 8), TokenListener.NONE);

    // The whole first prompt (and usually part of the answer) is in the cache: only the rest is
    // computed again.
    assertThat(second.usage().reusedPromptTokens())
        .isGreaterThanOrEqualTo(first.usage().promptTokens());
    assertThat(second.usage().prefilledTokens())
        .isLessThanOrEqualTo(second.usage().promptTokens() - first.usage().promptTokens());
  }

  @Test
  void complete_differentPrompt_prefillsItWhole() {
    backend.complete(CompletionRequest.ofMessages(FIRST, 4), TokenListener.NONE);
    Completion other =
        backend.complete(
            CompletionRequest.ofPrompt("Lighthouses guide ships", 4), TokenListener.NONE);
    assertThat(other.usage().reusedPromptTokens()).isZero();
    assertThat(other.usage().prefilledTokens()).isEqualTo(other.usage().promptTokens());
  }

  @Test
  void complete_samePromptAgain_givesTheSameGreedyAnswerFromTheCache() {
    CompletionRequest request = CompletionRequest.ofMessages(FIRST, 12);
    Completion cold =
        backend.complete(CompletionRequest.ofPrompt("Unrelated text.", 2), TokenListener.NONE);
    assertThat(cold.usage().reusedPromptTokens()).isZero();
    Completion first = backend.complete(request, TokenListener.NONE);
    Completion again = backend.complete(request, TokenListener.NONE);
    assertThat(again.usage().reusedPromptTokens()).isEqualTo(again.usage().promptTokens() - 1);
    assertThat(again.text()).isEqualTo(first.text());
  }

  @Test
  void complete_stopString_endsTheTextBeforeIt() {
    Completion completion =
        backend.complete(
            new CompletionRequest(
                null,
                List.of(ChatMessage.user("Count: one, two, three, four, five.")),
                32,
                null,
                0f,
                CompletionRequest.DEFAULT_SEED,
                List.of(",")),
            TokenListener.NONE);
    assertThat(completion.text()).doesNotContain(",");
    assertThat(completion.stopReason()).isEqualTo(Completion.StopReason.STOP);
  }
}
