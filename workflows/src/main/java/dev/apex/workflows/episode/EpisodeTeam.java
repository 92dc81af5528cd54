package dev.apex.workflows.episode;

import dev.apex.workflows.policy.BudgetExhaustedException;
import dev.apex.workflows.policy.Team;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RoleReply;
import dev.apex.workflows.roles.RoleRequest;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Team} an episode gives its policy: turns each call into a role activity by reference,
 * charges the budget, and counts completed calls as progress for the time rule.
 */
final class EpisodeTeam implements Team {

  private final RoleCalls calls;
  private final EpisodeInput input;
  private final String episodeId;
  private final String workspace;
  private final String sessionDir;
  private final TokenBudget budget;
  private final Map<Role, Integer> turns = new EnumMap<>(Role.class);
  private final Map<Role, Integer> sessionTokens = new EnumMap<>(Role.class);
  private @Nullable Role running;
  private int completedCalls;

  EpisodeTeam(
      RoleCalls calls,
      EpisodeInput input,
      String episodeId,
      String workspace,
      String sessionDir,
      TokenBudget budget) {
    this.calls = calls;
    this.input = input;
    this.episodeId = episodeId;
    this.workspace = workspace;
    this.sessionDir = sessionDir;
    this.budget = budget;
  }

  @Override
  public RoleReply plan(String message) {
    return call(Role.PLANNER, message, null, calls.planner::plan);
  }

  @Override
  public RoleReply writePatch(String message) {
    return call(Role.CODER, message, null, calls.coder::writePatch);
  }

  @Override
  public RoleReply runTests(String message) {
    return call(Role.RUNNER, message, null, calls.runner::runTests);
  }

  @Override
  public RoleReply critique(String message) {
    return call(Role.CRITIC, message, null, calls.critic::critique);
  }

  @Override
  public RoleReply summarize(Role subject) {
    RoleReply reply =
        call(
            Role.SUMMARIZER,
            "Summarize the " + subject.id() + "'s conversation.",
            subject,
            calls.summarizer::summarize);
    // The summary replaced the subject's conversation; its new size comes back in the reply.
    sessionTokens.put(subject, reply.sessionTokens());
    return reply;
  }

  @Override
  public int sessionTokens(Role role) {
    return sessionTokens.getOrDefault(role, 0);
  }

  /** The role whose call is in flight, or null. */
  @Nullable Role running() {
    return running;
  }

  /** Calls that completed, whatever they returned. */
  int completedCalls() {
    return completedCalls;
  }

  private RoleReply call(
      Role role,
      String message,
      @Nullable Role subject,
      Function<RoleRequest, RoleReply> activity) {
    if (budget.spent()) {
      throw new BudgetExhaustedException(
          budget.remaining() + " tokens left, too few for a " + role.id() + " call");
    }
    int turn = turns.merge(role, 1, Integer::sum);
    RoleRequest request =
        new RoleRequest(
            episodeId,
            turn,
            input.task(),
            input.mode(),
            workspace,
            sessionDir,
            message,
            subject,
            budget.remaining(),
            budget.clampCompletion(input.settings().maxCompletionTokens()));
    running = role;
    RoleReply reply;
    try {
      reply = activity.apply(request);
    } finally {
      running = null;
    }
    completedCalls++;
    if (reply.budgetExhausted()) {
      throw new BudgetExhaustedException(
          "the " + role.id() + "'s prompt does not fit the " + budget.remaining() + " tokens left");
    }
    budget.charge(reply.totalTokens());
    if (subject == null) {
      sessionTokens.put(role, reply.sessionTokens());
    }
    return reply;
  }
}
