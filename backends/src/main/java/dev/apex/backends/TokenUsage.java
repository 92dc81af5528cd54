package dev.apex.backends;

/**
 * Tokens a call consumed: the prompt it read and the completion it produced.
 *
 * @param promptTokens tokens of the whole prompt (what the budget counts)
 * @param completionTokens tokens generated
 * @param reusedPromptTokens prompt tokens found in the KV cache from an earlier call and not
 *     prefilled again; 0 for backends without cache reuse
 */
public record TokenUsage(int promptTokens, int completionTokens, int reusedPromptTokens) {

  public static final TokenUsage ZERO = new TokenUsage(0, 0);

  public TokenUsage {
    if (promptTokens < 0 || completionTokens < 0 || reusedPromptTokens < 0) {
      throw new IllegalArgumentException("tokens < 0");
    }
    if (reusedPromptTokens > promptTokens) {
      throw new IllegalArgumentException("reusedPromptTokens > promptTokens");
    }
  }

  /** A call that prefilled its whole prompt. */
  public TokenUsage(int promptTokens, int completionTokens) {
    this(promptTokens, completionTokens, 0);
  }

  public int total() {
    return promptTokens + completionTokens;
  }

  /** Prompt tokens the model actually computed in this call. */
  public int prefilledTokens() {
    return promptTokens - reusedPromptTokens;
  }
}
