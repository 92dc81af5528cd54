package dev.apex.backends;

/**
 * A finished generation.
 *
 * @param text generated text
 * @param usage prompt and completion tokens of this call
 * @param stopReason why generation ended
 * @param timeToFirstTokenNanos from the call until the first token arrived (0 when none did)
 * @param totalNanos from the call until it returned
 */
public record Completion(
    String text,
    TokenUsage usage,
    StopReason stopReason,
    long timeToFirstTokenNanos,
    long totalNanos) {

  /** Why a generation ended. */
  public enum StopReason {
    /** The model ended its answer or hit a stop string. */
    STOP,
    /** The completion reached {@code maxTokens}. */
    LENGTH
  }

  /**
   * A generation that began at {@code startNanos} (a {@link System#nanoTime} reading) and ends now.
   */
  public static Completion endingNow(
      CharSequence text,
      int promptTokens,
      int completionTokens,
      StopReason stopReason,
      long timeToFirstTokenNanos,
      long startNanos) {
    return new Completion(
        text.toString(),
        new TokenUsage(promptTokens, completionTokens),
        stopReason,
        timeToFirstTokenNanos,
        System.nanoTime() - startNanos);
  }

  /** Completion tokens per second of decode, first token excluded; 0 when too short to tell. */
  public double decodeTokensPerSecond() {
    long decodeNanos = totalNanos - timeToFirstTokenNanos;
    int decoded = usage.completionTokens() - 1;
    return decoded <= 0 || decodeNanos <= 0 ? 0 : decoded * 1e9 / decodeNanos;
  }
}
