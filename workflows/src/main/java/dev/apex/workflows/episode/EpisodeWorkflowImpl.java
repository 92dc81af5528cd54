package dev.apex.workflows.episode;

import dev.apex.workflows.ApexSearchAttributes;
import dev.apex.workflows.RootCause;
import dev.apex.workflows.policy.BudgetExhaustedException;
import dev.apex.workflows.policy.Policies;
import dev.apex.workflows.run.RunLayout;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The episode: set up the working copy, run the policy under the time rule and the budget, grade
 * the submission, record the outcome.
 */
public final class EpisodeWorkflowImpl implements EpisodeWorkflow {

  private static final Logger log = Workflow.getLogger(EpisodeWorkflowImpl.class);

  /** How long grading may go without a heartbeat (it beats every few seconds while it runs). */
  static final Duration GRADING_HEARTBEAT = Duration.ofSeconds(30);

  private static final RetryOptions FEW_RETRIES =
      RetryOptions.newBuilder().setMaximumAttempts(5).build();

  private final ProgressActivities progress =
      Workflow.newLocalActivityStub(
          ProgressActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(10))
              .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
              .build());

  private String phase = "preparing";
  private @Nullable EpisodeTeam team;
  private @Nullable TokenBudget budget;
  private @Nullable Deadline deadline;
  private long startMillis;
  private @Nullable Outcome outcome;
  private int budgetValue;
  private final Map<String, Long> creditedWaits = new HashMap<>();

  @Override
  public EpisodeResult run(EpisodeInput input) {
    List<String> problems = input.problems();
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "invalid episode input: " + String.join("; ", problems), "InvalidInput");
    }
    startMillis = Workflow.currentTimeMillis();
    budgetValue = input.budget();
    String episodeId = Workflow.getInfo().getWorkflowId();
    EpisodeActivities steps = episodeSteps(input.timeRule());
    TokenBudget tokens = new TokenBudget(input.budget());
    budget = tokens;
    Deadline clock = new Deadline(input.timeRule());
    deadline = clock;
    Workflow.upsertTypedSearchAttributes(
        ApexSearchAttributes.TASK.valueSet(input.task().instanceId()),
        ApexSearchAttributes.POLICY.valueSet(input.policyName()),
        ApexSearchAttributes.OUTCOME.valueSet(ApexSearchAttributes.RUNNING),
        ApexSearchAttributes.TOKENS.valueSet(0L));
    ResultDraft draft = new ResultDraft(input, episodeId);
    Workflow.setCurrentDetails(EpisodeSummary.running(input, phase));
    try {
      String workspace = steps.prepareWorkspace(input, episodeId);
      PolicyEnd end;
      if (input.predictions() != null) {
        end = PolicyEnd.submitted("grading the given " + input.predictions() + " patch");
      } else {
        phase = "running";
        Workflow.setCurrentDetails(EpisodeSummary.running(input, phase));
        EpisodeTeam crew =
            new EpisodeTeam(
                new RoleCalls(input.timeRule()),
                input,
                episodeId,
                workspace,
                RunLayout.sessions(input.runDir(), episodeId),
                tokens);
        team = crew;
        end = runUnderTimeRule(input, crew, clock);
      }
      draft.reason = end.reason();
      if (end.submitted()) {
        draft.tokensAtSubmit = tokens.used();
        phase = "grading";
        Workflow.setCurrentDetails(EpisodeSummary.running(input, phase));
        TimeRule rule = input.timeRule();
        GradeResult grade =
            gradeStep(rule)
                .grade(
                    new GradeRequest(
                        input.task(),
                        workspace,
                        input.predictions(),
                        rule.testTimeoutS(),
                        rule.gradingRunCount(),
                        input.runDir()));
        draft.grade(grade);
      } else {
        draft.outcome = end.outcome();
      }
    } catch (ActivityFailure e) {
      draft.outcome = Outcome.ERROR;
      draft.reason = "activity failed: " + RootCause.message(e);
    } catch (CanceledFailure e) {
      // Handled below: a cancel request can also surface as a failed call or a finished policy.
    }
    boolean cancelled = CancellationScope.current().isCancelRequested();
    if (cancelled) {
      draft.outcome = Outcome.ERROR;
      draft.reason = "episode cancelled";
    }
    // Recorded in a detached scope: a cancelled workflow closes as CANCELED whatever it returns,
    // so the outcome must be on record before it closes.
    EpisodeResult[] row = new EpisodeResult[1];
    Workflow.newDetachedCancellationScope(() -> row[0] = record(steps, input, draft, tokens, clock))
        .run();
    if (cancelled) {
      throw new CanceledFailure("episode cancelled");
    }
    return row[0];
  }

  @Override
  public EpisodeState state() {
    EpisodeTeam crew = team;
    TokenBudget tokens = budget;
    Deadline clock = deadline;
    return new EpisodeState(
        phase,
        crew == null || crew.running() == null ? null : crew.running().id(),
        tokens == null ? 0 : tokens.used(),
        budgetValue,
        tokens == null ? 0 : tokens.cumulative().size(),
        clock == null ? "" : Instant.ofEpochMilli(startMillis).plus(clock.current()).toString(),
        clock == null ? 0 : clock.extensions(),
        outcome);
  }

  /**
   * Runs the policy while a timer enforces the deadline; at each deadline the episode goes on only
   * when progress was seen since the last check, and never past the cap.
   */
  private PolicyEnd runUnderTimeRule(EpisodeInput input, EpisodeTeam crew, Deadline clock) {
    ProgressWatch watch = new ProgressWatch();
    CompletablePromise<PolicyEnd> policy = Workflow.newPromise();
    CancellationScope agentScope =
        Workflow.newCancellationScope(
            () -> policy.completeFrom(Async.function(() -> runPolicy(input, crew))));
    agentScope.run();
    while (true) {
      long wait = startMillis + clock.current().toMillis() - Workflow.currentTimeMillis();
      if (wait > 0) {
        CompletablePromise<Void> timer = Workflow.newPromise();
        CancellationScope timerScope =
            Workflow.newCancellationScope(
                () -> timer.completeFrom(Workflow.newTimer(Duration.ofMillis(wait))));
        timerScope.run();
        Promise.anyOf(policy, timer).get();
        if (policy.isCompleted()) {
          timerScope.cancel();
          return policy.get();
        }
      }
      PendingCalls pending = PendingCalls.of(pendingProgress());
      boolean progressed = watch.progressed(crew.completedCalls(), pending.progress());
      if (policy.isCompleted()) {
        return policy.get();
      }
      Duration waited = pending.newlyWaited(Workflow.currentTimeMillis(), creditedWaits);
      if (waited.compareTo(Duration.ZERO) > 0) {
        // A call waited for a worker: that time is the infrastructure's, not the policy's.
        clock.credit(waited);
        log.info("deadline moved by {} that calls waited for a worker", waited);
        continue;
      }
      if (!clock.reached(progressed)) {
        agentScope.cancel();
        long minutes = clock.current().toMinutes();
        return new PolicyEnd(
            Outcome.TIMEOUT,
            progressed
                ? "hard cap of " + minutes + " min reached"
                : "no progress before the deadline at " + minutes + " min");
      }
      log.info("deadline extended to {} (extension {})", clock.current(), clock.extensions());
    }
  }

  private static PolicyEnd runPolicy(EpisodeInput input, EpisodeTeam crew) {
    try {
      return PolicyEnd.submitted(Policies.create(input.policy()).run(crew, input.settings()));
    } catch (BudgetExhaustedException e) {
      return new PolicyEnd(Outcome.BUDGET_EXHAUSTED, String.valueOf(e.getMessage()));
    } catch (ActivityFailure e) {
      String noWorker = NoWorker.reason(e, input.timeRule());
      return new PolicyEnd(
          Outcome.ERROR, noWorker != null ? noWorker : "role call failed: " + RootCause.message(e));
    }
  }

  private Map<String, Long> pendingProgress() {
    try {
      return progress.pendingProgress(Workflow.getInfo().getWorkflowId());
    } catch (ActivityFailure e) {
      // Without the probe only completed calls count as progress; the rule stays safe.
      log.warn("progress probe failed: {}", RootCause.message(e));
      return Map.of();
    }
  }

  private EpisodeResult record(
      EpisodeActivities steps,
      EpisodeInput input,
      ResultDraft draft,
      TokenBudget tokens,
      Deadline clock) {
    outcome = draft.outcome;
    phase = "done";
    EpisodeResult row =
        draft.finish(
            tokens, clock.extensions(), (Workflow.currentTimeMillis() - startMillis) / 1000.0);
    Workflow.upsertTypedSearchAttributes(
        ApexSearchAttributes.OUTCOME.valueSet(row.outcome().name()),
        ApexSearchAttributes.TOKENS.valueSet((long) row.tokensUsed()));
    Workflow.setCurrentDetails(EpisodeSummary.markdown(row));
    steps.recordOutcome(input.runDir(), row);
    return row;
  }

  /**
   * The episode worker's steps heartbeat every second while they run (its factory sees to it), so a
   * step whose worker died runs again after the heartbeat timeout, not after minutes.
   */
  private static EpisodeActivities episodeSteps(TimeRule rule) {
    return Workflow.newActivityStub(
        EpisodeActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(rule.testRun().plus(Duration.ofMinutes(2)))
            .setHeartbeatTimeout(rule.heartbeat())
            .setRetryOptions(FEW_RETRIES)
            .build());
  }

  /**
   * Grading's own options: start-to-close from the test timeout and the number of runs, a heartbeat
   * timeout so a lost worker is noticed in seconds, and few retries (a retry first kills the
   * earlier attempt's sandbox on the same worker).
   */
  private static EpisodeActivities gradeStep(TimeRule rule) {
    return Workflow.newActivityStub(
        EpisodeActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(rule.grading())
            .setHeartbeatTimeout(GRADING_HEARTBEAT)
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
            .build());
  }
}
