package dev.apex.activities.sandbox;

/** How a sandboxed command ended. */
public enum Termination {
  /** It exited by itself (possibly killed by a per-process limit such as CPU time). */
  EXITED,
  /** It ran past its wall time and was interrupted, then killed with all it started. */
  TIMED_OUT,
  /** It printed more than the output cap and was killed. */
  OUTPUT_LIMIT
}
