package dev.apex.workflows.policy;

import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RoleReply;
import dev.apex.workflows.roles.Signal;

/**
 * The Planner is the hub: each round it directs the Coder, the Runner checks the change, the Critic
 * judges, and every result goes back to the Planner, which is the only role that sees them all. The
 * Summarizer keeps the Planner's conversation under its cap.
 */
final class StaticStarPolicy implements Policy {

  @Override
  public String run(Team team, PolicySettings settings) {
    String toPlanner = "Round 1. Read the issue and tell the Coder exactly what to change.";
    for (int round = 1; round <= settings.maxRounds(); round++) {
      if (team.sessionTokens(Role.PLANNER) > settings.hubContextTokens()) {
        team.summarize(Role.PLANNER);
      }
      RoleReply plan = team.plan(toPlanner);
      RoleReply code = team.writePatch("The Planner asks:\n" + Messages.excerpt(plan));
      RoleReply run =
          team.runTests(
              "The Planner asks you to check the Coder's change.\n"
                  + Messages.labelled("Coder", code));
      RoleReply verdict =
          team.critique(
              "The Planner forwards this round's work for review.\n"
                  + Messages.labelled("Plan", plan)
                  + "\n"
                  + Messages.labelled("Coder", code)
                  + "\n"
                  + Messages.labelled("Runner", run));
      if (verdict.signal() == Signal.APPROVE) {
        return "critic approved in round " + round;
      }
      toPlanner =
          "Round "
              + (round + 1)
              + ". Results of round "
              + round
              + ":\n"
              + Messages.labelled("Coder", code)
              + "\n"
              + Messages.labelled("Runner", run)
              + "\n"
              + Messages.labelled("Critic", verdict);
    }
    return "submitted after " + settings.maxRounds() + " rounds";
  }
}
