package dev.apex.workflows.batch;

import dev.apex.workflows.episode.Outcome;
import java.util.List;
import java.util.Map;

/** A running batch's state, as its query returns it. */
public record BatchProgress(
    String phase,
    int total,
    int done,
    int resolved,
    long tokensUsed,
    List<String> running,
    Map<Outcome, Integer> outcomes,
    String runDir) {}
