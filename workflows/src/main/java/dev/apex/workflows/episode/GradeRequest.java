package dev.apex.workflows.episode;

import dev.apex.workflows.roles.TaskRef;
import org.jspecify.annotations.Nullable;

/**
 * Grade a submission: the diff of {@code workspace} against the base, or the patch named by {@code
 * predictions} ({@code gold}, {@code empty} or a predictions file).
 *
 * @param testTimeoutS wall time of each test run; the task's own {@code timeout_s} may lower it
 * @param gradingRuns how many times the tests run; 0 (older histories) means 1
 * @param runDir where the grading's evidence is kept; null (older histories) keeps none
 */
public record GradeRequest(
    TaskRef task,
    String workspace,
    @Nullable String predictions,
    int testTimeoutS,
    int gradingRuns,
    @Nullable String runDir) {}
