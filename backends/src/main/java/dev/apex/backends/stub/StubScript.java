package dev.apex.backends.stub;

import java.util.List;

/**
 * How a {@link StubBackend} behaves.
 *
 * @param replies replies returned in turn, cycling; a reply that is not valid JSON for a
 *     schema-constrained request is replaced by the schema's default instance
 * @param promptLatencyMs simulated prompt processing per call
 * @param tokenLatencyMs simulated decode time per token
 * @param failFirstCalls the first n calls fail with a retryable error
 * @param failAlways every call fails with a permanent error
 * @param hangAfterTokens when ≥ 0, every call stops producing tokens after this many and blocks
 *     until cancelled (a hung model)
 * @param hangCalls how many calls hang before the stub answers normally again (0: all hang)
 */
public record StubScript(
    List<String> replies,
    int promptLatencyMs,
    int tokenLatencyMs,
    int failFirstCalls,
    boolean failAlways,
    int hangAfterTokens,
    int hangCalls) {

  public static final String DEFAULT_REPLY = "OK. Stub reply: nothing to change.";

  public StubScript {
    if (replies.isEmpty()) {
      throw new IllegalArgumentException("replies is empty");
    }
    if (promptLatencyMs < 0 || tokenLatencyMs < 0 || failFirstCalls < 0 || hangCalls < 0) {
      throw new IllegalArgumentException("negative stub setting");
    }
    replies = List.copyOf(replies);
  }

  public static StubScript fixed(String... replies) {
    return new StubScript(List.of(replies), 0, 0, 0, false, -1, 0);
  }

  public static StubScript defaults() {
    return fixed(DEFAULT_REPLY);
  }

  public StubScript withLatency(int promptMs, int tokenMs) {
    return new StubScript(
        replies, promptMs, tokenMs, failFirstCalls, failAlways, hangAfterTokens, hangCalls);
  }

  public StubScript withFailFirst(int calls) {
    return new StubScript(
        replies, promptLatencyMs, tokenLatencyMs, calls, failAlways, hangAfterTokens, hangCalls);
  }

  public StubScript withFailAlways() {
    return new StubScript(
        replies, promptLatencyMs, tokenLatencyMs, failFirstCalls, true, hangAfterTokens, hangCalls);
  }

  public StubScript withHang(int afterTokens, int calls) {
    return new StubScript(
        replies, promptLatencyMs, tokenLatencyMs, failFirstCalls, failAlways, afterTokens, calls);
  }
}
