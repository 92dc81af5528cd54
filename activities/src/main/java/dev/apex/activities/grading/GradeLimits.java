package dev.apex.activities.grading;

import dev.apex.workflows.episode.TimeRule;
import java.time.Duration;

/**
 * How grading runs a task's tests.
 *
 * @param testTimeout the wall time of one test run ({@code --test-timeout-s}); a task's own {@code
 *     timeout_s} may lower it, never raise it
 * @param runs how many times the tests run ({@code --grading-runs}); a required test whose result
 *     differs between runs is flaky
 */
public record GradeLimits(Duration testTimeout, int runs) {

  /** One run under {@code ./apex eval}'s default test timeout. */
  public static final GradeLimits DEFAULT = new GradeLimits(TimeRule.DEFAULTS.testRun(), 1);

  public GradeLimits {
    if (testTimeout.isNegative() || testTimeout.isZero()) {
      throw new IllegalArgumentException("testTimeout <= 0");
    }
    if (runs < 1) {
      throw new IllegalArgumentException("runs < 1");
    }
  }
}
