package dev.apex.backends;

/** Tokens a call consumed: the prompt it read and the completion it produced. */
public record TokenUsage(int promptTokens, int completionTokens) {

  public static final TokenUsage ZERO = new TokenUsage(0, 0);

  public TokenUsage {
    if (promptTokens < 0 || completionTokens < 0) {
      throw new IllegalArgumentException("tokens < 0");
    }
  }

  public int total() {
    return promptTokens + completionTokens;
  }
}
