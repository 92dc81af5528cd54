package dev.apex.workers.cli;

import dev.apex.activities.batch.BatchFile;
import dev.apex.activities.episode.RunFiles;
import dev.apex.activities.report.ReportWriter;
import dev.apex.workers.TemporalConnection;
import dev.apex.workflows.batch.BatchCursor;
import dev.apex.workflows.batch.BatchEvalWorkflowImpl;
import dev.apex.workflows.batch.BatchInput;
import dev.apex.workflows.batch.BatchInput.BatchSpec;
import dev.apex.workflows.batch.BatchPlan;
import dev.apex.workflows.batch.BatchReport;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.Outcome;
import dev.apex.workflows.run.EpisodeId;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code apex report <batch-id>}: rebuilds a finished batch's run directory from Temporal alone:
 * its episodes' results, its settings, the report and the curve.
 */
@Command(
    name = "report",
    description = "Rebuild the run directory of a finished batch from Temporal.")
final class ReportCommand implements Callable<Integer> {

  private static final String PLAN_ACTIVITY = "Batch.Plan";

  @Parameters(index = "0", description = "The batch's workflow id (apex eval prints it).")
  String batchId = "";

  @Option(names = "--out", description = "Where to write (default: the batch's own run directory).")
  @Nullable Path out;

  @Override
  public Integer call() throws Exception {
    Path home = Home.path();
    LocalServer server = new LocalServer(home, System.getenv());
    server.ensureRunning();
    WorkflowClient client =
        TemporalConnection.connect(server.address(), server.namespace(), "apex-report");
    WorkflowExecutionMetadata batch;
    try {
      batch = client.newUntypedWorkflowStub(batchId).describe();
    } catch (RuntimeException e) {
      System.err.println("apex report: no batch '" + batchId + "' on " + server.address());
      return 2;
    }
    if (batch.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      System.err.println(
          "apex report: batch "
              + batchId
              + " is "
              + batch
                  .getStatus()
                  .name()
                  .replace("WORKFLOW_EXECUTION_STATUS_", "")
                  .toLowerCase(java.util.Locale.ROOT)
              + ", not completed");
      return 1;
    }
    List<HistoryEvent> history = client.fetchHistory(batchId).getEvents();
    BatchInput input = startInput(history);
    BatchSpec spec = input.resolve();
    BatchPlan plan = plan(input, history);
    Path runDir = out != null ? out.toAbsolutePath().normalize() : Path.of(plan.runDir());
    BatchFile.write(runDir, spec, batchId, Path.of(plan.tasksFile()), plan.instanceIds());
    List<EpisodeResult> rows = new ArrayList<>();
    for (String instanceId : plan.instanceIds()) {
      EpisodeResult row =
          episode(client, spec, BatchEvalWorkflowImpl.episodeId(batchId, instanceId));
      if (row == null) {
        continue;
      }
      rows.add(row);
      RunFiles.writeEpisode(runDir, row);
    }
    ReportWriter.RunInfo info =
        ReportWriter.RunInfo.of(
            spec, batchId, ReportWriter.recordedSandbox(Path.of(plan.runDir())));
    BatchReport report =
        ReportWriter.write(runDir, ReportWriter.rows(runDir, plan.instanceIds(), info), info);
    System.out.printf(
        "apex report: %d/%d resolved; wrote %s (%d of %d episodes found)%n",
        report.resolved(), report.tasks(), runDir, rows.size(), plan.instanceIds().size());
    return 0;
  }

  /** The episode's row: its result when it completed, an ERROR or TIMEOUT row when it failed. */
  private static @Nullable EpisodeResult episode(
      WorkflowClient client, BatchSpec spec, String workflowId) {
    WorkflowExecutionMetadata episode;
    try {
      episode = client.newUntypedWorkflowStub(workflowId).describe();
    } catch (WorkflowNotFoundException e) {
      return null;
    }
    return episode.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
        ? client.newUntypedWorkflowStub(workflowId).getResult(EpisodeResult.class)
        : failed(workflowId, spec, episode.getStatus());
  }

  /** The input of the batch's last run, decoded as the workflow decoded it. */
  private BatchInput startInput(List<HistoryEvent> history) {
    Optional<HistoryEvent> started =
        history.stream()
            .filter(HistoryEvent::hasWorkflowExecutionStartedEventAttributes)
            .findFirst();
    if (started.isEmpty()) {
      throw new IllegalStateException("batch " + batchId + " has no start event");
    }
    return decode(
        started.get().getWorkflowExecutionStartedEventAttributes().getInput(), BatchInput.class);
  }

  /**
   * The batch's plan (task file, run directory, task ids in order): carried by a continued run's
   * input, else the result of the run's {@code Batch.Plan} activity.
   */
  private BatchPlan plan(BatchInput input, List<HistoryEvent> history) {
    BatchCursor cursor = input.continuation();
    if (cursor != null) {
      return cursor.plan();
    }
    Set<Long> planEvents = new HashSet<>();
    for (HistoryEvent event : history) {
      if (event.hasActivityTaskScheduledEventAttributes()
          && event
              .getActivityTaskScheduledEventAttributes()
              .getActivityType()
              .getName()
              .equals(PLAN_ACTIVITY)) {
        planEvents.add(event.getEventId());
      }
      if (event.hasActivityTaskCompletedEventAttributes()
          && planEvents.contains(
              event.getActivityTaskCompletedEventAttributes().getScheduledEventId())) {
        return decode(event.getActivityTaskCompletedEventAttributes().getResult(), BatchPlan.class);
      }
    }
    throw new IllegalStateException("batch " + batchId + " has no completed " + PLAN_ACTIVITY);
  }

  private static <T> T decode(Payloads payloads, Class<T> type) {
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
        0, Optional.of(payloads), type, type);
  }

  private static EpisodeResult failed(
      String workflowId, BatchSpec spec, WorkflowExecutionStatus status) {
    EpisodeId id = EpisodeId.parse(workflowId);
    boolean timedOut = status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT;
    return EpisodeResult.withoutResult(
        id.instanceId(),
        workflowId,
        id.batchId(),
        spec.policyName(),
        spec.budget(),
        timedOut ? Outcome.TIMEOUT : Outcome.ERROR,
        "episode closed as " + status.name());
  }
}
