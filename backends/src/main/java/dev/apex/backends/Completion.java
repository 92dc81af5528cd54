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

  /** Completion tokens per second of decode, first token excluded; 0 when too short to tell. */
  public double decodeTokensPerSecond() {
    long decodeNanos = totalNanos - timeToFirstTokenNanos;
    int decoded = usage.completionTokens() - 1;
    return decoded <= 0 || decodeNanos <= 0 ? 0 : decoded * 1e9 / decodeNanos;
  }
}
