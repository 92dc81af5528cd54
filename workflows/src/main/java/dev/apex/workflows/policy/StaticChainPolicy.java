package dev.apex.workflows.policy;

import dev.apex.workflows.roles.RoleReply;
import dev.apex.workflows.roles.Signal;

/**
 * A fixed pipeline: Planner → Coder → Runner → Critic, each seeing only the previous role's reply;
 * the Critic's feedback starts the next round. No hub, no summarizing.
 */
final class StaticChainPolicy implements Policy {

  @Override
  public String run(Team team, PolicySettings settings) {
    String input = "Read the issue and tell the Coder exactly what to change.";
    for (int round = 1; round <= settings.maxRounds(); round++) {
      RoleReply plan = team.plan(input);
      RoleReply code = team.writePatch(Messages.labelled("Planner", plan));
      RoleReply run = team.runTests(Messages.labelled("Coder", code));
      RoleReply verdict = team.critique(Messages.labelled("Runner", run));
      if (verdict.signal() == Signal.APPROVE) {
        return "critic approved in round " + round;
      }
      input = Messages.labelled("Critic", verdict);
    }
    return "submitted after " + settings.maxRounds() + " rounds";
  }
}
