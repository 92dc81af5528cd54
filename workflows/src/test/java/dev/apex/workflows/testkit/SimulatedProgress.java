package dev.apex.workflows.testkit;

import dev.apex.workflows.episode.ProgressActivities;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.Map;

/**
 * The progress probe as a long-running call would drive it: one pending call whose heartbeats
 * report tokens growing with simulated time until {@code growUntilMs}, then frozen.
 */
public final class SimulatedProgress implements ProgressActivities {

  private final TestWorkflowEnvironment env;
  private final long origin;
  private final long growUntilMs;

  public SimulatedProgress(TestWorkflowEnvironment env, long growUntilMs) {
    this.env = env;
    this.origin = env.currentTimeMillis();
    this.growUntilMs = growUntilMs;
  }

  @Override
  public Map<String, Long> pendingProgress(String workflowId) {
    long elapsed = env.currentTimeMillis() - origin;
    return Map.of("long-call#1", Math.min(elapsed, growUntilMs) / 1000);
  }
}
