package dev.apex.workflows.testkit;

import dev.apex.workflows.roles.CoderActivities;
import dev.apex.workflows.roles.CriticActivities;
import dev.apex.workflows.roles.PlannerActivities;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RoleReply;
import dev.apex.workflows.roles.RoleRequest;
import dev.apex.workflows.roles.RunnerActivities;
import dev.apex.workflows.roles.Signal;
import dev.apex.workflows.roles.SummarizerActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * A recording fake of one role: replies from a script, or parks each call for the test to complete
 * later (so the test controls simulated time between calls).
 */
public final class ScriptedRoles
    implements PlannerActivities,
        CoderActivities,
        RunnerActivities,
        CriticActivities,
        SummarizerActivities {

  /** A call parked for the test: complete or heartbeat it through its task token. */
  @SuppressWarnings("ArrayRecordComponent") // task tokens are opaque bytes, never compared
  public record Parked(Role role, RoleRequest request, byte[] taskToken, int attempt) {}

  private final Role role;
  private volatile Function<RoleRequest, RoleReply> script;
  private volatile boolean park;
  private final List<RoleRequest> requests = new CopyOnWriteArrayList<>();
  private final List<Integer> attempts = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Parked> parked;

  public ScriptedRoles(Role role, BlockingQueue<Parked> parked) {
    this.role = role;
    this.parked = parked;
    this.script = request -> reply("ok", 10, 5, Signal.NONE);
  }

  public ScriptedRoles(Role role) {
    this(role, new LinkedBlockingQueue<>());
  }

  /** A reply that respects the call's allowance as the real activities do. */
  public static RoleReply reply(String text, int prompt, int completion, Signal signal) {
    return new RoleReply(text, prompt, completion, false, signal, prompt + completion);
  }

  /** The real activities' budget rule: run only when the prompt leaves room for a completion. */
  public static RoleReply withinAllowance(
      RoleRequest request, String text, int prompt, int completion, Signal signal) {
    if (prompt + 8 > request.tokenAllowance()) {
      return RoleReply.exhausted(0);
    }
    int produced = Math.min(completion, request.maxCompletionTokens());
    produced = Math.min(produced, request.tokenAllowance() - prompt);
    return new RoleReply(text, prompt, produced, false, signal, prompt + produced);
  }

  public ScriptedRoles script(Function<RoleRequest, RoleReply> newScript) {
    this.script = newScript;
    return this;
  }

  /** From now on, calls are parked instead of answered. */
  public ScriptedRoles park(boolean on) {
    this.park = on;
    return this;
  }

  public List<RoleRequest> requests() {
    return requests;
  }

  public List<Integer> attempts() {
    return attempts;
  }

  private RoleReply handle(RoleRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    requests.add(request);
    attempts.add(context.getInfo().getAttempt());
    if (park) {
      context.doNotCompleteOnReturn();
      parked.add(new Parked(role, request, context.getTaskToken(), context.getInfo().getAttempt()));
      return RoleReply.exhausted(0);
    }
    return script.apply(request);
  }

  @Override
  public RoleReply plan(RoleRequest request) {
    return handle(request);
  }

  @Override
  public RoleReply writePatch(RoleRequest request) {
    return handle(request);
  }

  @Override
  public RoleReply runTests(RoleRequest request) {
    return handle(request);
  }

  @Override
  public RoleReply critique(RoleRequest request) {
    return handle(request);
  }

  @Override
  public RoleReply summarize(RoleRequest request) {
    return handle(request);
  }
}
