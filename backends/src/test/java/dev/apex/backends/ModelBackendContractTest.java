package dev.apex.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every backend promises; each implementation's test extends this. */
public abstract class ModelBackendContractTest {

  private static final List<ChatMessage> HELLO =
      List.of(
          ChatMessage.system("You are a terse assistant."),
          ChatMessage.user("Name three primary colours."));

  /** The backend under test; the same instance across the tests of one class is fine. */
  protected abstract ModelBackend backend();

  @Test
  public void countTokens_longerText_countsMore() {
    int shortCount = backend().countTokens("def add(a, b):");
    int longCount = backend().countTokens("def add(a, b):\n    return a + b\n");
    assertThat(shortCount).isPositive();
    assertThat(longCount).isGreaterThan(shortCount);
  }

  @Test
  public void renderPrompt_keepsEveryMessageInOrder() {
    String prompt = backend().renderPrompt(HELLO);
    assertThat(prompt).contains("You are a terse assistant.", "Name three primary colours.");
    assertThat(prompt.indexOf("terse")).isLessThan(prompt.indexOf("primary"));
  }

  @Test
  public void complete_reportsUsageAndCallsListenerPerToken() {
    List<Integer> seen = new ArrayList<>();
    Completion completion =
        backend()
            .complete(CompletionRequest.ofMessages(HELLO, 12), (piece, soFar) -> seen.add(soFar));
    assertThat(completion.text()).isNotBlank();
    assertThat(completion.usage().promptTokens()).isPositive();
    assertThat(completion.usage().completionTokens()).isBetween(1, 12);
    assertThat(seen).hasSize(completion.usage().completionTokens());
    assertThat(seen.get(seen.size() - 1)).isEqualTo(completion.usage().completionTokens());
  }

  @Test
  public void complete_stopsAtMaxTokens() {
    Completion completion =
        backend()
            .complete(
                CompletionRequest.ofMessages(
                    List.of(ChatMessage.user("Count from one to one hundred in words.")), 3),
                TokenListener.NONE);
    assertThat(completion.usage().completionTokens()).isLessThanOrEqualTo(3);
  }

  @Test
  public void complete_listenerCancels_stopsAndStaysUsable() {
    assertThatThrownBy(() ->
            backend()
                .complete(
                    CompletionRequest.ofMessages(HELLO, 64),
                    (piece, soFar) -> {
                      if (soFar == 2) {
                        throw new GenerationCancelledException("test cancels");
                      }
                    }))
        .isInstanceOf(GenerationCancelledException.class);
    Completion after =
        backend().complete(CompletionRequest.ofMessages(HELLO, 4), TokenListener.NONE);
    assertThat(after.usage().completionTokens()).isPositive();
  }

  @Test
  public void complete_jsonSchema_outputParsesWithRequiredFields() throws Exception {
    String schema =
        """
        {"type":"object","properties":{"answer":{"type":"string"},"done":{"type":"boolean"}},\
        "required":["answer","done"]}\
        """;
    Completion completion =
        backend()
            .complete(
                CompletionRequest.ofMessages(
                        List.of(ChatMessage.user("Reply in JSON: is the sky blue?")), 48)
                    .withJsonSchema(schema),
                TokenListener.NONE);
    JsonNode json = new ObjectMapper().readTree(completion.text());
    assertThat(json.has("answer")).isTrue();
    assertThat(json.get("done").isBoolean()).isTrue();
  }

  @Test
  public void complete_sameSeed_sameText() {
    CompletionRequest request = CompletionRequest.ofMessages(HELLO, 10).withTemperature(0.8f, 7);
    String first = backend().complete(request, TokenListener.NONE).text();
    String second = backend().complete(request, TokenListener.NONE).text();
    assertThat(second).isEqualTo(first);
  }

  @Test
  public void info_namesBackendAndModel() {
    ModelInfo info = backend().info();
    assertThat(info.backend()).isNotBlank();
    assertThat(info.model()).isNotBlank();
    assertThat(info.contextSize()).isPositive();
  }
}
