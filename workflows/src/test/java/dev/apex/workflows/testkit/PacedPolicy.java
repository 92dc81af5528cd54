package dev.apex.workflows.testkit;

import dev.apex.workflows.policy.NamedPolicyProvider;
import dev.apex.workflows.policy.Policy;
import dev.apex.workflows.policy.PolicySettings;
import dev.apex.workflows.policy.Team;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * A test policy whose role calls take simulated time: it waits {@link #callEvery} on a workflow
 * timer before each Coder call, until {@link #workUntil} of simulated time since the episode began;
 * then it stalls without finishing (as if its last call hung without producing anything). Simulated
 * time passes only in workflow timers, so the time-skipping server can jump it.
 */
public final class PacedPolicy implements Policy {

  public static final String NAME = "test_paced";

  /** Set by a test before it starts an episode; read by the worker in the same JVM. */
  public static volatile Duration callEvery = Duration.ofSeconds(90);

  public static volatile Duration workUntil = Duration.ofDays(1);

  /** Registers this policy through the service loader, as a researcher's would be. */
  public static final class Provider extends NamedPolicyProvider {
    public Provider() {
      super(NAME, PacedPolicy::new);
    }
  }

  @Override
  public String run(Team team, PolicySettings settings) {
    long start = Workflow.currentTimeMillis();
    while (Workflow.currentTimeMillis() - start + callEvery.toMillis() <= workUntil.toMillis()) {
      Workflow.sleep(callEvery);
      team.writePatch("next step");
    }
    Workflow.await(() -> false);
    return "unreachable";
  }
}
