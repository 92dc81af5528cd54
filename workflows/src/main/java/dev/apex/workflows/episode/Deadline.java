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
    if (!progressSinceLastCheck || current.compareTo(rule.cap()) >= 0) {
      return false;
    }
    Duration next = current.plus(rule.extension());
    current = next.compareTo(rule.cap()) > 0 ? rule.cap() : next;
    extensions++;
    return true;
  }
}
