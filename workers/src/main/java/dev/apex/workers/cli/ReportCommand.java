package dev.apex.workers.cli;

import dev.apex.activities.batch.BatchActivitiesImpl;
import dev.apex.activities.episode.RunFiles;
import dev.apex.activities.report.ReportWriter;
import dev.apex.workers.TemporalConnection;
import dev.apex.workflows.batch.BatchInput;
import dev.apex.workflows.batch.BatchInput.BatchSpec;
import dev.apex.workflows.batch.BatchReport;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.EpisodeWorkflow;
import dev.apex.workflows.episode.Outcome;
import dev.apex.workflows.episode.TestCounts;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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

  @Parameters(index = "0", description = "The batch's workflow id (apex eval prints it).")
  String batchId = "";

  @Option(names = "--out", description = "Where to write (default: the batch's own run directory).")
  @Nullable Path out;

  @Override
  public Integer call() throws Exception {
    Path home = Home.path();
    LocalServer server = new LocalServer(home, System.getenv());
    server.ensureRunning();
    WorkflowClient client = TemporalConnection.connect(server.address(), "default", "apex-report");
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
    BatchInput input = startInput(client);
    BatchSpec spec = input.resolve();
    BatchReport earlier = client.newUntypedWorkflowStub(batchId).getResult(BatchReport.class);
    Path runDir = out != null ? out.toAbsolutePath().normalize() : Path.of(earlier.runDir());
    List<EpisodeResult> rows = new ArrayList<>();
    List<WorkflowExecutionMetadata> episodes =
        client
            .listExecutions(
                "ApexBatch = '" + batchId + "' AND WorkflowType = '" + EpisodeWorkflow.TYPE + "'")
            .sorted(Comparator.comparing(e -> e.getExecution().getWorkflowId()))
            .toList();
    for (WorkflowExecutionMetadata episode : episodes) {
      String id = episode.getExecution().getWorkflowId();
      EpisodeResult row =
          episode.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
              ? client.newUntypedWorkflowStub(id).getResult(EpisodeResult.class)
              : failed(id, spec, episode.getStatus());
      if (rows.stream().noneMatch(r -> r.instanceId().equals(row.instanceId()))) {
        rows.add(row);
        RunFiles.writeEpisode(runDir, row);
      }
    }
    BatchReport report =
        ReportWriter.write(runDir, rows, BatchActivitiesImpl.runInfo(spec, batchId));
    System.out.printf(
        "apex report: %d/%d resolved; wrote %s%n", report.resolved(), report.tasks(), runDir);
    return 0;
  }

  /** The input the batch was started with (its first run's), as JSON decoded into the record. */
  private BatchInput startInput(WorkflowClient client) {
    Optional<HistoryEvent> started =
        client.fetchHistory(batchId).getEvents().stream()
            .filter(HistoryEvent::hasWorkflowExecutionStartedEventAttributes)
            .findFirst();
    if (started.isEmpty()) {
      throw new IllegalStateException("batch " + batchId + " has no start event");
    }
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
        0,
        Optional.of(started.get().getWorkflowExecutionStartedEventAttributes().getInput()),
        BatchInput.class,
        BatchInput.class);
  }

  private static EpisodeResult failed(
      String workflowId, BatchSpec spec, WorkflowExecutionStatus status) {
    String instanceId = workflowId.substring(workflowId.indexOf("--") + 2);
    boolean timedOut = status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT;
    return new EpisodeResult(
        instanceId,
        workflowId,
        null,
        spec.policy(),
        timedOut ? Outcome.TIMEOUT : Outcome.ERROR,
        "episode closed as " + status.name(),
        false,
        spec.budget(),
        0,
        -1,
        0,
        List.of(),
        0,
        0,
        TestCounts.NONE,
        "");
  }
}
