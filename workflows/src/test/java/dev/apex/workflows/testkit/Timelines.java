package dev.apex.workflows.testkit;

import dev.apex.workflows.roles.HeartbeatProgress;
import dev.apex.workflows.roles.RoleReply;
import io.temporal.client.ActivityCompletionClient;
import io.temporal.client.ActivityCompletionException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.function.LongFunction;

/**
 * Call plans built from delayed callbacks on the test server's clock: a parked call heartbeats
 * every {@link #HEARTBEAT_EVERY} with details that depend on simulated time, and completes at a
 * chosen simulated time or never.
 */
public final class Timelines {

  public static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(10);

  private final TestWorkflowEnvironment env;
  private final ActivityCompletionClient completions;
  private final long origin;

  /** Simulated times are measured from now. */
  public Timelines(TestWorkflowEnvironment env) {
    this.env = env;
    this.completions = env.getWorkflowClient().newActivityCompletionClient();
    this.origin = env.currentTimeMillis();
  }

  /** Simulated milliseconds since this timeline's origin. */
  public long now() {
    return env.currentTimeMillis() - origin;
  }

  /** Details that never change: the call is alive but produces nothing. */
  public static LongFunction<HeartbeatProgress> stuck() {
    return t -> new HeartbeatProgress("prompt", 900, 0, 0, 0);
  }

  /** Details whose token count grows with simulated time until {@code untilMs}, then freezes. */
  public static LongFunction<HeartbeatProgress> growingUntil(long untilMs) {
    return t -> new HeartbeatProgress("decode", 500, (int) (Math.min(t, untilMs) / 1000), 2.0, 0);
  }

  /**
   * Heartbeats with {@code details(now)} and completes with {@code reply} {@code after} the call
   * arrives; never completes when {@code after} is null.
   */
  public CallPlan heartbeatThenComplete(
      LongFunction<HeartbeatProgress> details, Duration after, RoleReply reply) {
    return call -> beat(call, details, env.currentTimeMillis() + after.toMillis(), reply);
  }

  /** Heartbeats with {@code details(now)} until the call is cancelled. */
  public CallPlan heartbeatForever(LongFunction<HeartbeatProgress> details) {
    return call -> beat(call, details, Long.MAX_VALUE, null);
  }

  /** Completes calls after {@code every} while {@code now() < untilMs}; later ones hang alive. */
  public CallPlan completeEveryUntil(Duration every, long untilMs, RoleReply reply) {
    return call -> {
      if (now() + every.toMillis() <= untilMs) {
        beat(call, stuck(), env.currentTimeMillis() + every.toMillis(), reply);
      } else {
        beat(call, stuck(), Long.MAX_VALUE, null);
      }
    };
  }

  private void beat(
      ScriptedRoles.Parked call,
      LongFunction<HeartbeatProgress> details,
      long completeAt,
      @org.jspecify.annotations.Nullable RoleReply reply) {
    long next = env.currentTimeMillis() + HEARTBEAT_EVERY.toMillis();
    if (reply != null && completeAt <= next) {
      env.registerDelayedCallback(
          Duration.ofMillis(completeAt - env.currentTimeMillis()),
          () -> quietly(() -> completions.complete(call.taskToken(), reply)));
      return;
    }
    env.registerDelayedCallback(
        HEARTBEAT_EVERY,
        () -> {
          try {
            completions.heartbeat(call.taskToken(), details.apply(now()));
          } catch (ActivityCompletionException e) {
            return; // cancelled or timed out: the plan for this call ends
          }
          beat(call, details, completeAt, reply);
        });
  }

  private static void quietly(Runnable action) {
    try {
      action.run();
    } catch (ActivityCompletionException e) {
      // the call was cancelled before it could complete
    }
  }
}
