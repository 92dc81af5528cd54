package dev.apex.workflows.roles;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a role's call produced.
 *
 * @param text the reply the policy may forward (capped in length)
 * @param promptTokens prompt tokens this call consumed
 * @param completionTokens completion tokens this call produced
 * @param budgetExhausted the call did not run because its prompt would not fit the allowance
 * @param signal what the reply means for the policy
 * @param sessionTokens tokens in this role's conversation after the call
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoleReply(
    String text,
    int promptTokens,
    int completionTokens,
    boolean budgetExhausted,
    Signal signal,
    int sessionTokens) {

  /** Longest reply text kept in workflow history. */
  public static final int MAX_TEXT_CHARS = 8_000;

  public int totalTokens() {
    return promptTokens + completionTokens;
  }

  public static RoleReply exhausted(int sessionTokens) {
    return new RoleReply("", 0, 0, true, Signal.NONE, sessionTokens);
  }
}
