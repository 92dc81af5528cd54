package dev.apex.workflows.batch;

import dev.apex.workflows.episode.Outcome;
import java.util.Map;

/**
 * A finished batch: where its run directory is and its headline numbers.
 *
 * @param successRate resolved / tasks, the success@budget
 */
public record BatchReport(
    String batchId,
    String runDir,
    String policy,
    int budget,
    int tasks,
    int resolved,
    double successRate,
    long tokensUsed,
    Map<Outcome, Integer> outcomes) {}
