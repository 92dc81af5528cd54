package dev.apex.workflows.episode;

import org.jspecify.annotations.Nullable;

/**
 * An episode's live state, as its query returns it.
 *
 * @param phase {@code preparing}, {@code running}, {@code grading} or {@code done}
 * @param runningRole the role whose call is in flight, or null
 * @param tokensUsed tokens consumed so far
 * @param budget the token budget
 * @param llmCalls LLM calls made (and charged to the budget)
 * @param deadline when the episode ends unless extended (ISO-8601 instant)
 * @param deadlineExtensions extensions granted so far
 * @param outcome the outcome once known, else null
 */
public record EpisodeState(
    String phase,
    @Nullable String runningRole,
    int tokensUsed,
    int budget,
    int llmCalls,
    String deadline,
    int deadlineExtensions,
    @Nullable Outcome outcome) {}
