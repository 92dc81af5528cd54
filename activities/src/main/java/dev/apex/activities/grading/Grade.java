package dev.apex.activities.grading;

import dev.apex.activities.sandbox.Termination;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The verdict on one model patch for one task.
 *
 * @param instanceId the task
 * @param resolved every FAIL_TO_PASS and every PASS_TO_PASS test passed
 * @param applyMethod how the patch was applied; FAILED and REFUSED mean the tests did not run
 * @param failToPass FAIL_TO_PASS tests that passed, of all
 * @param passToPass PASS_TO_PASS tests that passed, of all
 * @param tests the status of every FAIL_TO_PASS and PASS_TO_PASS test (MISSING if unreported)
 * @param revertedTestFiles protected files the patch changed, which grading put back
 * @param termination how the test command ended; null when it did not run
 * @param logTail the end of the test output, or of the patch log when it did not apply
 * @param elapsed wall time of grading
 * @param error why the tests said nothing about the patch (the test patch did not apply, the test
 *     environment could not be made, the command or its runner is missing, no required test was
 *     reported by base and patch alike): the grade is an error, not a failure; or null
 * @param flakyTests required tests that passed in some runs and not in others
 * @param runs every run of the test command, in order (the evidence kept in the run directory)
 * @param testTimeout the wall time each run had
 */
public record Grade(
    String instanceId,
    boolean resolved,
    ApplyMethod applyMethod,
    PassCount failToPass,
    PassCount passToPass,
    Map<String, TestStatus> tests,
    List<String> revertedTestFiles,
    @Nullable Termination termination,
    String logTail,
    Duration elapsed,
    @Nullable String error,
    List<String> flakyTests,
    List<TestRun> runs,
    Duration testTimeout) {

  public Grade {
    tests = Collections.unmodifiableMap(new LinkedHashMap<>(tests));
    revertedTestFiles = List.copyOf(revertedTestFiles);
    flakyTests = List.copyOf(flakyTests);
    runs = List.copyOf(runs);
  }

  /** Whether the tests ran past {@link #testTimeout()}. */
  public boolean timedOut() {
    return termination == Termination.TIMED_OUT;
  }

  /** Why the patch was refused unread ("patch refused: touches .git/config"), or null. */
  public @Nullable String refusal() {
    return runs.isEmpty() ? null : runs.getFirst().application().refusal();
  }

  public boolean patchApplied() {
    return applyMethod.applied();
  }
}
