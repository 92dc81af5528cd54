package dev.apex.workflows.testkit;

import dev.apex.workflows.policy.NamedPolicyProvider;
import dev.apex.workflows.policy.Policy;
import dev.apex.workflows.policy.PolicySettings;
import dev.apex.workflows.policy.Team;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.Signal;
import io.temporal.failure.ApplicationFailure;

/**
 * A test policy with a fault: it asks the Planner once and, when the reply is {@link #GIVE_UP},
 * throws a non-retryable failure that fails the whole episode workflow (as a buggy researcher's
 * policy could); otherwise it submits.
 */
public final class FaultyPolicy implements Policy {

  public static final String NAME = "test_faulty";

  /** The Planner reply that makes this policy fail its episode. */
  public static final String GIVE_UP = "give up";

  /** Has {@code kit}'s Planner tell this policy to give up on {@code instanceId} only. */
  public static void failOn(EpisodeTestKit kit, String instanceId) {
    kit.role(Role.PLANNER)
        .script(r ->
            ScriptedRoles.reply(
                r.task().instanceId().equals(instanceId) ? GIVE_UP : "plan", 10, 5, Signal.NONE));
  }

  /** Registers this policy through the service loader. */
  public static final class Provider extends NamedPolicyProvider {
    public Provider() {
      super(NAME, FaultyPolicy::new);
    }
  }

  @Override
  public String run(Team team, PolicySettings settings) {
    if (team.plan("Plan the fix.").text().equals(GIVE_UP)) {
      throw ApplicationFailure.newNonRetryableFailure("policy gave up", "PolicyFault");
    }
    return "planned once";
  }
}
