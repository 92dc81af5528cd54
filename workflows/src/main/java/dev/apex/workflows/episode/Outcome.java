package dev.apex.workflows.episode;

/** How an episode ended. */
public enum Outcome {
  /** Submitted, and every FAIL_TO_PASS and PASS_TO_PASS test passes. */
  RESOLVED,
  /** Submitted, and some required test fails or the patch did not apply. */
  UNRESOLVED,
  /** The token budget ran out before submission. */
  BUDGET_EXHAUSTED,
  /** The time rule ended the episode before submission. */
  TIMEOUT,
  /** Something failed that the agents cannot be blamed for; the reason says what. */
  ERROR
}
