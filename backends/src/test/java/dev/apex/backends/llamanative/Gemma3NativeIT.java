package dev.apex.backends.llamanative;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.backends.Backends;
import dev.apex.backends.ChatMessage;
import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.TestModels;
import dev.apex.backends.TokenListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A second architecture (Gemma 3 270M: Gemma template, sliding-window attention) on the engine. */
class Gemma3NativeIT {

  @Test
  void gemma3_loadsAnswersAndKeepsAConversationGoing() {
    try (LlamaNativeBackend backend =
        (LlamaNativeBackend)
            Backends.open(TestModels.defaultNative().withModelPath(TestModels.gemma3()))) {
      List<ChatMessage> messages =
          new ArrayList<>(
              List.of(
                  ChatMessage.system("Answer in one short sentence."),
                  ChatMessage.user("What colour is the sky on a clear day?")));
      // The packaged GGUF is the base model: it has no chat template, so it is asked to go on.
      Completion raw =
          backend.complete(
              CompletionRequest.ofPrompt("Monday, Tuesday, Wednesday,", 4), TokenListener.NONE);
      assertThat(raw.text()).contains("Thursday");

      Completion first = answer(backend, messages);
      assertThat(first.usage().completionTokens()).isPositive();

      messages.add(ChatMessage.assistant(first.text()));
      messages.add(ChatMessage.user("And at night?"));
      Completion second = answer(backend, messages);
      assertThat(second.text()).isNotBlank();
      assertThat(second.usage().promptTokens()).isGreaterThan(first.usage().promptTokens());
      System.err.printf(
          "Gemma3NativeIT: raw %s; second prompt %d tokens, %d reused; %.1f tok/s%n",
          raw.text().strip(),
          second.usage().promptTokens(),
          second.usage().reusedPromptTokens(),
          second.decodeTokensPerSecond());
    }
  }

  private static Completion answer(ModelBackend backend, List<ChatMessage> messages) {
    return backend.complete(CompletionRequest.ofMessages(messages, 24), TokenListener.NONE);
  }
}
