package dev.apex.workflows.episode;

import org.jspecify.annotations.Nullable;

/**
 * How the agents' part of an episode ended, before grading.
 *
 * @param outcome null when the policy submitted (grading decides), else the final outcome
 * @param reason why, in words
 */
record PolicyEnd(@Nullable Outcome outcome, String reason) {

  static PolicyEnd submitted(String reason) {
    return new PolicyEnd(null, reason);
  }

  boolean submitted() {
    return outcome == null;
  }
}
