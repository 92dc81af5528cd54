package dev.apex.workflows.policy;

import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RoleReply;

/**
 * The five roles as a policy sees them. Each call charges the episode's token budget; when the
 * budget cannot pay for another call, the call throws {@link BudgetExhaustedException}. Each role
 * keeps its own conversation; a policy moves information between roles only by what it passes.
 */
public interface Team {

  RoleReply plan(String message);

  RoleReply writePatch(String message);

  RoleReply runTests(String message);

  RoleReply critique(String message);

  /** Has the Summarizer compress {@code subject}'s conversation. */
  RoleReply summarize(Role subject);

  /** Tokens in {@code role}'s conversation after its last call; 0 before the first. */
  int sessionTokens(Role role);
}
