package dev.apex.workers.supervisor;

import java.time.Duration;

/**
 * Restart delays for a worker that keeps dying: doubling from one second to a minute, back to one
 * second once a run has lasted a minute.
 */
public final class Backoff {

  static final Duration FIRST = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofMinutes(1);
  static final Duration STABLE = Duration.ofMinutes(1);

  private Duration next = FIRST;

  /** The delay before the next restart, given how long the last run lasted. */
  public Duration after(Duration lastRun) {
    if (lastRun.compareTo(STABLE) >= 0) {
      next = FIRST;
    }
    Duration delay = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(MAX) > 0 ? MAX : doubled;
    return delay;
  }
}
