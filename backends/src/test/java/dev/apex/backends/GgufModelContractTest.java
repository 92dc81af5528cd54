package dev.apex.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract plus what every llama.cpp backend promises on the real default model loaded with a
 * 2048-token context ({@link TestModels}): exact prompt accounting, UTF-8 pieces, interruption,
 * context and schema refusals.
 */
public abstract class GgufModelContractTest extends ModelBackendContractTest {

  @Test
  public void complete_promptTokensAreTheRenderedPromptsTokens() {
    List<ChatMessage> messages = List.of(ChatMessage.user("Say hi 🌊 to the sea."));
    Completion completion =
        backend().complete(CompletionRequest.ofMessages(messages, 4), TokenListener.NONE);
    assertThat(completion.usage().promptTokens())
        .isEqualTo(backend().countTokens(backend().renderPrompt(messages)));
    assertThat(completion.usage().promptTokens()).isGreaterThan(20);
  }

  @Test
  public void complete_nonBmpOutput_countsEveryTokenOnce() {
    List<Integer> seen = new ArrayList<>();
    StringBuilder pieces = new StringBuilder();
    Completion completion =
        backend()
            .complete(
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
  public void complete_threadInterrupted_cancelsBetweenTokensAndStaysUsable() {
    assertThatThrownBy(() ->
            backend()
                .complete(
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
        backend()
            .complete(
                CompletionRequest.ofMessages(List.of(ChatMessage.user("hi")), 3),
                TokenListener.NONE);
    assertThat(after.usage().completionTokens()).isPositive();
  }

  @Test
  public void complete_promptLongerThanContext_failsPermanently() {
    String longText = "lighthouse ".repeat(3000);
    assertThatThrownBy(
            () -> backend().complete(CompletionRequest.ofPrompt(longText, 8), TokenListener.NONE))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessageContaining("does not fit the context of 2048");
  }

  @Test
  public void complete_invalidSchema_failsPermanentlyWithoutTouchingNativeCode() {
    assertThatThrownBy(() ->
            backend()
                .complete(
                    CompletionRequest.ofPrompt("x", 4).withJsonSchema("{not json"),
                    TokenListener.NONE))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessageStartingWith("jsonSchema is not JSON");
  }
}
