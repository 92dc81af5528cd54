package dev.apex.workflows.episode;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A graded submission.
 *
 * @param resolved every FAIL_TO_PASS and PASS_TO_PASS test passes
 * @param patchApplied the model patch applied to a fresh copy of the base
 * @param tests required tests that passed
 * @param modelPatch the graded patch (truncated for history when huge; the run directory has it)
 * @param detail a short human-readable account: how the patch applied, which tests failed
 * @param error why the test command said nothing about the patch (it could not run, its runner is
 *     missing, no required test was reported): the episode is an ERROR; null when it ran
 * @param flakyTests required tests whose result differed between grading runs
 * @param evidence the folder, relative to the run directory, that keeps the patch, the test
 *     command, its exit code and output; null when none was kept
 */
public record GradeResult(
    boolean resolved,
    boolean patchApplied,
    TestCounts tests,
    String modelPatch,
    String detail,
    @Nullable String error,
    List<String> flakyTests,
    @Nullable String evidence) {

  public GradeResult {
    flakyTests = flakyTests == null ? List.of() : List.copyOf(flakyTests);
  }

  /** A grade whose tests ran, without flaky tests or kept evidence. */
  public GradeResult(
      boolean resolved, boolean patchApplied, TestCounts tests, String modelPatch, String detail) {
    this(resolved, patchApplied, tests, modelPatch, detail, null, List.of(), null);
  }
}
