package dev.apex.workers.testing;

import dev.apex.workflows.policy.NamedPolicyProvider;
import dev.apex.workflows.policy.Policy;
import dev.apex.workflows.policy.PolicySettings;
import dev.apex.workflows.policy.Team;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RoleReply;

/**
 * A test policy that calls every role exactly once, in the star's order, then has the Summarizer
 * compress the Planner's conversation: one short episode that needs all five workers whatever the
 * model answers. Found by the episode worker through the service loader, as a researcher's is.
 */
public final class EveryRolePolicy implements Policy {

  public static final String NAME = "test_every_role";

  /** Registers the policy in {@code META-INF/services}. */
  public static final class Provider extends NamedPolicyProvider {
    public Provider() {
      super(NAME, EveryRolePolicy::new);
    }
  }

  @Override
  public String run(Team team, PolicySettings settings) {
    RoleReply plan = team.plan("Read the issue and tell the Coder exactly what to change.");
    RoleReply code = team.writePatch("The Planner asks:\n" + plan.text());
    RoleReply run = team.runTests("Check the Coder's change.\nCoder: " + code.text());
    team.critique("Review this round.\nCoder: " + code.text() + "\nRunner: " + run.text());
    team.summarize(Role.PLANNER);
    return "every role called once";
  }
}
