/**
 * The episode workflow, its input and result, the time rule and the token budget. Workflow code
 * here is deterministic; the progress probe is the one activity, and it only talks to Temporal.
 *
 * <p>How an episode's end takes shape, in order: the policy's run ends in a {@link PolicyEnd}
 * (submitted, or an {@link Outcome} such as TIMEOUT); a submission is graded into a {@link
 * GradeResult}; both are written into the {@link ResultDraft}, which becomes the {@link
 * EpisodeResult} the workflow returns and records (one row of {@code results.jsonl}). A batch sees
 * each child's end as a {@code ChildEnd}: that result, or the failure that closed the child without
 * one, from which it makes the row with {@link EpisodeResult#withoutResult}.
 */
@NullMarked
package dev.apex.workflows.episode;

import org.jspecify.annotations.NullMarked;
