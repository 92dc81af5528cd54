package dev.apex.activities.grading;

/** A test's result as the runner reported it, or MISSING when the report does not mention it. */
public enum TestStatus {
  PASSED,
  FAILED,
  ERROR,
  SKIPPED,
  XFAIL,
  XPASS,
  MISSING;

  /** Counts as passing for FAIL_TO_PASS and PASS_TO_PASS (PASSED or XFAIL, as in SWE-bench). */
  public boolean passed() {
    return this == PASSED || this == XFAIL;
  }

  /** The worse of two results for the same test id. */
  TestStatus worst(TestStatus other) {
    return passed() && !other.passed() ? other : this;
  }
}
