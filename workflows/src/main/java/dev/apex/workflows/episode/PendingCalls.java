package dev.apex.workflows.episode;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What the progress probe saw of an episode's pending calls: heartbeat progress of running calls
 * ({@code activityId#attempt} to units) and, under keys starting with {@link #WAITING}, when each
 * call still waiting for a worker was scheduled (epoch ms, server time).
 */
final class PendingCalls {

  /** Prefix of a waiting call's key; activity ids never start with it. */
  static final String WAITING = "#waiting:";

  private final Map<String, Long> progress = new HashMap<>();
  private final Map<String, Long> waitingSince = new HashMap<>();

  private PendingCalls() {}

  static PendingCalls of(Map<String, Long> probed) {
    PendingCalls calls = new PendingCalls();
    probed.forEach((key, value) -> {
      if (key.startsWith(WAITING)) {
        calls.waitingSince.put(key.substring(WAITING.length()), value);
      } else {
        calls.progress.put(key, value);
      }
    });
    return calls;
  }

  Map<String, Long> progress() {
    return progress;
  }

  /**
   * How long waiting calls have waited since they were last credited; records the new totals in
   * {@code credited} (by call) so no wait is credited twice.
   */
  Duration newlyWaited(long nowMillis, Map<String, Long> credited) {
    long newly = 0;
    for (var entry : waitingSince.entrySet()) {
      long waited = Math.max(0, nowMillis - entry.getValue());
      long before = credited.getOrDefault(entry.getKey(), 0L);
      if (waited > before) {
        newly += waited - before;
        credited.put(entry.getKey(), waited);
      }
    }
    return Duration.ofMillis(newly);
  }
}
