package dev.apex.workflows.batch;

import dev.apex.workflows.ApexSearchAttributes;
import dev.apex.workflows.RootCause;
import dev.apex.workflows.TaskQueues;
import dev.apex.workflows.batch.BatchInput.BatchSpec;
import dev.apex.workflows.episode.EpisodeActivities;
import dev.apex.workflows.episode.EpisodeInput;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.EpisodeSummary;
import dev.apex.workflows.episode.EpisodeWorkflow;
import dev.apex.workflows.episode.Outcome;
import dev.apex.workflows.roles.TaskRef;
import dev.apex.workflows.run.EpisodeId;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs one child episode per task, at most {@code concurrency} at a time, a page of tasks per run;
 * continues as new between pages so history stays small whatever the batch size.
 */
public final class BatchEvalWorkflowImpl implements BatchEvalWorkflow {

  /** How long a batch waits for warm workers on all five role queues. */
  static final int WORKERS_TIMEOUT_S = 600;

  private String phase = "planning";
  private @Nullable BatchPlan plan;
  private Tally tally = Tally.EMPTY;
  private final Map<String, Promise<ChildEnd>> running = new LinkedHashMap<>();

  @Override
  public BatchReport run(BatchInput input) {
    BatchSpec spec = input.resolve();
    List<String> problems = spec.problems();
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "invalid batch input: " + String.join("; ", problems), "InvalidInput");
    }
    String batchId = Workflow.getInfo().getWorkflowId();
    String badId = EpisodeId.batchIdProblem(batchId);
    if (badId != null) {
      throw ApplicationFailure.newNonRetryableFailure(badId, "InvalidInput");
    }
    BatchActivities steps = batchSteps();
    Workflow.upsertTypedSearchAttributes(
        ApexSearchAttributes.BATCH.valueSet(batchId),
        ApexSearchAttributes.POLICY.valueSet(spec.policyName()),
        ApexSearchAttributes.OUTCOME.valueSet(ApexSearchAttributes.RUNNING));
    BatchCursor cursor = input.continuation();
    // Only a run this workflow continued as new may carry a cursor: one given from outside would
    // skip the plan and its checks.
    if (cursor != null && Workflow.getInfo().getContinuedExecutionRunId().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "invalid batch input: continuation is set by the batch itself when it continues as new;"
              + " remove it",
          "InvalidInput");
    }
    if (cursor == null) {
      BatchPlan planned = steps.plan(spec, batchId);
      if (spec.predictions() == null) {
        phase = "waiting for workers";
        steps.awaitWorkers(WORKERS_TIMEOUT_S);
      }
      cursor = new BatchCursor(planned, 0, Tally.EMPTY);
    }
    BatchPlan current = cursor.plan();
    plan = current;
    tally = cursor.tally();
    phase = "running";
    showProgress(spec);
    List<String> ids = current.instanceIds();
    int end = Math.min(cursor.next() + spec.pageSize(), ids.size());
    runPage(ids.subList(cursor.next(), end), spec, current, batchId, steps);
    if (end < ids.size()) {
      Workflow.continueAsNew(input.continuingAt(new BatchCursor(current, end, tally)));
    }
    phase = "reporting";
    BatchReport report = steps.writeReport(current, spec, batchId);
    Workflow.upsertTypedSearchAttributes(
        ApexSearchAttributes.OUTCOME.valueSet("COMPLETED"),
        ApexSearchAttributes.TOKENS.valueSet(report.tokensUsed()));
    Workflow.setCurrentDetails(
        "**Done: "
            + report.resolved()
            + " of "
            + report.tasks()
            + " resolved** with "
            + report.policy()
            + " at budget "
            + report.budget()
            + "; "
            + report.tokensUsed()
            + " tokens\n\nOutcomes: "
            + report.outcomes()
            + "\n\nRun directory: `"
            + report.runDir()
            + "`");
    phase = "done";
    return report;
  }

  @Override
  public BatchProgress progress() {
    BatchPlan current = plan;
    return new BatchProgress(
        phase,
        current == null ? 0 : current.instanceIds().size(),
        tally.done(),
        tally.resolved(),
        tally.tokens(),
        List.copyOf(running.keySet()),
        tally.outcomes(),
        current == null ? "" : current.runDir());
  }

  private void runPage(
      List<String> page, BatchSpec spec, BatchPlan current, String batchId, BatchActivities steps) {
    for (String instanceId : page) {
      while (running.size() >= spec.concurrency()) {
        finishOne(steps, current, spec, batchId);
      }
      running.put(instanceId, startEpisode(instanceId, spec, current, batchId));
      showProgress(spec);
    }
    while (!running.isEmpty()) {
      finishOne(steps, current, spec, batchId);
      showProgress(spec);
    }
  }

  /** The UI's current details while the batch runs (no history events: answered by a query). */
  private void showProgress(BatchSpec spec) {
    BatchPlan current = plan;
    int total = current == null ? 0 : current.instanceIds().size();
    StringBuilder details =
        new StringBuilder()
            .append("**")
            .append(tally.done())
            .append(" of ")
            .append(total)
            .append(" episodes done, ")
            .append(tally.resolved())
            .append(" resolved** with ")
            .append(spec.policyName())
            .append(" at budget ")
            .append(spec.budget())
            .append("; ")
            .append(tally.tokens())
            .append(" tokens so far");
    if (!running.isEmpty()) {
      details.append("\n\nRunning: ").append(String.join(", ", running.keySet()));
    }
    if (!tally.outcomes().isEmpty()) {
      details.append("\n\nOutcomes: ").append(tally.outcomes());
    }
    if (current != null) {
      details.append("\n\nRun directory: `").append(current.runDir()).append("`");
    }
    Workflow.setCurrentDetails(details.toString());
  }

  private static EpisodeInput episodeInput(
      String instanceId, BatchSpec spec, BatchPlan current, String batchId) {
    return new EpisodeInput(
        new TaskRef(instanceId, current.tasksFile()),
        spec.policy(),
        spec.budget(),
        spec.mode(),
        spec.timeRule(),
        spec.settings(),
        current.runDir(),
        batchId,
        spec.predictions());
  }

  private Promise<ChildEnd> startEpisode(
      String instanceId, BatchSpec spec, BatchPlan current, String batchId) {
    EpisodeInput episode = episodeInput(instanceId, spec, current, batchId);
    EpisodeWorkflow child =
        Workflow.newChildWorkflowStub(
            EpisodeWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(episodeId(batchId, instanceId))
                .setTaskQueue(TaskQueues.EPISODES)
                .setWorkflowRunTimeout(spec.timeRule().runTimeout())
                // A completed episode is never run twice; a failed or terminated one is.
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(ApexSearchAttributes.TASK, instanceId)
                        .set(ApexSearchAttributes.POLICY, spec.policyName())
                        .set(ApexSearchAttributes.BATCH, batchId)
                        .set(ApexSearchAttributes.OUTCOME, ApexSearchAttributes.RUNNING)
                        .set(ApexSearchAttributes.TOKENS, 0L)
                        .build())
                .setStaticSummary(
                    instanceId + " · " + spec.policyName() + " · budget " + spec.budget())
                .setStaticDetails(EpisodeSummary.details(episode))
                .build());
    return Async.function(child::run, episode)
        .handle((result, failure) ->
            new ChildEnd(
                instanceId,
                failure == null ? result : null,
                failure instanceof ChildWorkflowFailure childFailure ? childFailure : null));
  }

  private void finishOne(BatchActivities steps, BatchPlan current, BatchSpec spec, String batchId) {
    Promise.anyOf(new ArrayList<>(running.values())).get();
    for (var entry : new ArrayList<>(running.entrySet())) {
      if (!entry.getValue().isCompleted()) {
        continue;
      }
      running.remove(entry.getKey());
      ChildEnd end = entry.getValue().get();
      EpisodeResult result = end.result();
      if (result == null) {
        result = resultOfFailedChild(steps, current, spec, batchId, end);
      }
      tally = tally.plus(result);
    }
  }

  /**
   * A child that closed without returning: either it already completed in an earlier run of this
   * batch (its result is fetched), or it failed, timed out or was terminated (a row is written for
   * it so the report still covers every task).
   */
  private EpisodeResult resultOfFailedChild(
      BatchActivities steps, BatchPlan current, BatchSpec spec, String batchId, ChildEnd end) {
    String workflowId = episodeId(batchId, end.instanceId());
    EpisodeResult earlier =
        steps.findEpisode(workflowId, episodeInput(end.instanceId(), spec, current, batchId));
    if (earlier != null) {
      return earlier;
    }
    ChildWorkflowFailure failure = end.failure();
    boolean timedOut = failure != null && failure.getCause() instanceof TimeoutFailure;
    EpisodeResult row =
        EpisodeResult.withoutResult(
            end.instanceId(),
            workflowId,
            batchId,
            spec.policyName(),
            spec.budget(),
            timedOut ? Outcome.TIMEOUT : Outcome.ERROR,
            timedOut
                ? "run timeout (backstop) reached"
                : "episode failed: " + (failure == null ? "unknown" : RootCause.message(failure)));
    try {
      Workflow.newActivityStub(
              EpisodeActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(30))
                  // A full disk or a read-only run directory fails the batch with its cause
                  // instead of retrying forever.
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
                  .build())
          .recordOutcome(current.runDir(), row);
    } catch (ActivityFailure e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "cannot record the ERROR row of " + end.instanceId() + ": " + RootCause.message(e),
          "RecordFailed");
    }
    return row;
  }

  /** The episode's workflow id: stable, so a resumed batch finds what already ran. */
  public static String episodeId(String batchId, String instanceId) {
    return new EpisodeId(batchId, instanceId).workflowId();
  }

  private static BatchActivities batchSteps() {
    return Workflow.newActivityStub(
        BatchActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(WORKERS_TIMEOUT_S + 60))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
            .build());
  }
}
