package dev.apex.workflows.roles;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * One LLM call of a role, passed by reference: the conversation lives in the session store and the
 * code in the episode's working copy, so history stays small whatever the budget.
 *
 * @param episodeId workflow id of the episode
 * @param turn the role's call number in this episode, from 1; a retried attempt reuses it, which
 *     makes session writes idempotent
 * @param task the task being solved
 * @param mode {@code swe} (tests hidden) or {@code hinted} (failing test names shown)
 * @param workspace the episode's working copy
 * @param sessionDir directory holding every role's conversation for this episode
 * @param message what the policy forwards to this role now
 * @param subject for the Summarizer: the role whose conversation it compresses
 * @param tokenAllowance tokens (prompt + completion) left in the episode's budget
 * @param maxCompletionTokens the policy's per-call completion cap before clamping
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoleRequest(
    String episodeId,
    int turn,
    TaskRef task,
    String mode,
    String workspace,
    String sessionDir,
    String message,
    @Nullable Role subject,
    int tokenAllowance,
    int maxCompletionTokens) {

  /** A call with less room than this for its completion is not made: the budget counts as spent. */
  public static final int MIN_COMPLETION_TOKENS = 8;
}
