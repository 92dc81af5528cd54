package dev.apex.workflows.episode;

import dev.apex.workflows.roles.TaskRef;
import org.jspecify.annotations.Nullable;

/**
 * Grade a submission: the diff of {@code workspace} against the base, or the patch named by {@code
 * predictions} ({@code gold}, {@code empty} or a predictions file).
 */
public record GradeRequest(
    TaskRef task, String workspace, @Nullable String predictions, int testTimeoutS) {}
