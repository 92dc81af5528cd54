package dev.apex.workflows.episode;

import java.time.Duration;

/**
 * The time rule's state: the current deadline, as an offset from the episode's start, and the
 * extensions granted so far. Pure and deterministic; the workflow drives it from timers.
 */
public final class Deadline {

  private final TimeRule rule;
  private Duration current;
  private int extensions;
  private Duration credited = Duration.ZERO;

  public Deadline(TimeRule rule) {
    this.rule = rule;
    this.current = rule.base();
  }

  /** Offset from the start at which the episode ends unless extended. */
  public Duration current() {
    return current;
  }

  public int extensions() {
    return extensions;
  }

  /**
   * Called when the deadline arrives. Extends it by one step (never past the cap) when progress was
   * seen since the last check.
   *
   * @return whether the episode goes on
   */
  public boolean reached(boolean progressSinceLastCheck) {
    Duration cap = rule.cap().plus(credited);
    if (!progressSinceLastCheck || current.compareTo(cap) >= 0) {
      return false;
    }
    Duration next = current.plus(rule.extension());
    current = next.compareTo(cap) > 0 ? cap : next;
    extensions++;
    return true;
  }

  /**
   * Moves the deadline and the cap later by {@code waited}: time role calls spent waiting for a
   * worker is the infrastructure's, not the policy's. All credit together stays within the cap, so
   * the episode ends within twice the cap ({@link TimeRule#runTimeout()}).
   */
  public void credit(Duration waited) {
    Duration room = rule.cap().minus(credited);
    Duration granted = waited.compareTo(room) > 0 ? room : waited;
    if (granted.isNegative() || granted.isZero()) {
      return;
    }
    credited = credited.plus(granted);
    current = current.plus(granted);
  }

  /** Time credited so far for calls that waited for a worker. */
  public Duration credited() {
    return credited;
  }
}
