package dev.apex.workflows.episode;

/**
 * A graded submission.
 *
 * @param resolved every FAIL_TO_PASS and PASS_TO_PASS test passes
 * @param patchApplied the model patch applied to a fresh copy of the base
 * @param tests required tests that passed
 * @param modelPatch the graded patch (truncated for history when huge; the run directory has it)
 * @param detail a short human-readable account: how the patch applied, which tests failed
 */
public record GradeResult(
    boolean resolved, boolean patchApplied, TestCounts tests, String modelPatch, String detail) {}
