package dev.apex.backends;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What to generate from: either a raw prompt or chat messages (rendered with the model's template),
 * with a completion cap and optional JSON-schema constraint.
 *
 * @param prompt raw prompt, used as is; null when {@code messages} are given
 * @param messages conversation to render; empty when {@code prompt} is given
 * @param maxTokens completion tokens at most; the caller has already clamped it to its budget
 * @param jsonSchema JSON schema the output must satisfy, or null for free text
 * @param temperature sampling temperature; 0 is greedy
 * @param seed sampling seed; same seed and one slot give the same output
 * @param stop strings that end generation
 */
public record CompletionRequest(
    @Nullable String prompt,
    List<ChatMessage> messages,
    int maxTokens,
    @Nullable String jsonSchema,
    float temperature,
    int seed,
    List<String> stop) {

  public static final int DEFAULT_SEED = 42;

  public CompletionRequest {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens < 1: " + maxTokens);
    }
    if ((prompt == null) == messages.isEmpty()) {
      throw new IllegalArgumentException("give exactly one of prompt or messages");
    }
    if (temperature < 0) {
      throw new IllegalArgumentException("temperature < 0");
    }
    messages = List.copyOf(messages);
    stop = List.copyOf(stop);
  }

  public static CompletionRequest ofPrompt(String prompt, int maxTokens) {
    return new CompletionRequest(prompt, List.of(), maxTokens, null, 0f, DEFAULT_SEED, List.of());
  }

  public static CompletionRequest ofMessages(List<ChatMessage> messages, int maxTokens) {
    return new CompletionRequest(null, messages, maxTokens, null, 0f, DEFAULT_SEED, List.of());
  }

  public CompletionRequest withJsonSchema(@Nullable String schema) {
    return new CompletionRequest(prompt, messages, maxTokens, schema, temperature, seed, stop);
  }

  public CompletionRequest withTemperature(float t, int s) {
    return new CompletionRequest(prompt, messages, maxTokens, jsonSchema, t, s, stop);
  }

  public CompletionRequest withMaxTokens(int max) {
    return new CompletionRequest(prompt, messages, max, jsonSchema, temperature, seed, stop);
  }
}
