package dev.apex.activities.batch;

import dev.apex.activities.report.ReportWriter;
import dev.apex.activities.tasks.TaskFileException;
import dev.apex.activities.tasks.TaskLoader;
import dev.apex.activities.tasks.TaskSet;
import dev.apex.workflows.batch.BatchActivities;
import dev.apex.workflows.batch.BatchInput.BatchSpec;
import dev.apex.workflows.batch.BatchPlan;
import dev.apex.workflows.batch.BatchReport;
import dev.apex.workflows.episode.EpisodeInput;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.run.RunLayout;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverterException;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The batch's steps on the episode worker: task file and run directory, readiness, report. */
public final class BatchActivitiesImpl implements BatchActivities {

  private final WorkflowClient client;
  private final Path baseDir;
  private final Path defaultTasks;
  private final @Nullable String sandbox;

  /**
   * @param baseDir relative task files and run directories are resolved against it
   * @param defaultTasks the task file used when a batch names none
   * @param sandbox the kind of sandbox this worker grades in, as report.json records it
   */
  public BatchActivitiesImpl(
      WorkflowClient client, Path baseDir, Path defaultTasks, @Nullable String sandbox) {
    this.client = client;
    this.baseDir = baseDir;
    this.defaultTasks = defaultTasks;
    this.sandbox = sandbox;
  }

  public BatchActivitiesImpl(WorkflowClient client, Path baseDir, Path defaultTasks) {
    this(client, baseDir, defaultTasks, null);
  }

  @Override
  public BatchPlan plan(BatchSpec spec, String batchId) {
    String tasks = spec.tasks();
    Path tasksFile = tasks == null ? defaultTasks : baseDir.resolve(tasks).normalize();
    TaskSet set;
    try {
      set = TaskLoader.load(tasksFile);
    } catch (TaskFileException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BadTasks");
    }
    List<String> ids = new ArrayList<>();
    if (spec.instanceIds().isEmpty()) {
      set.tasks().forEach(t -> ids.add(t.instanceId()));
    } else {
      for (String id : spec.instanceIds()) {
        if (set.find(id).isEmpty()) {
          throw ApplicationFailure.newNonRetryableFailure(
              "no task '" + id + "' in " + tasksFile, "BadTasks");
        }
        ids.add(id);
      }
    }
    List<String> chosen =
        spec.limit() > 0 && spec.limit() < ids.size() ? ids.subList(0, spec.limit()) : ids;
    if (chosen.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure("no tasks in " + tasksFile, "BadTasks");
    }
    String out = spec.out();
    Path runDir =
        out == null
            ? baseDir.resolve(RunLayout.RUNS).resolve(batchId)
            : baseDir.resolve(out).normalize();
    try {
      BatchManifest.claim(runDir, batchId, BatchManifest.inputs(spec, tasksFile));
    } catch (BatchManifest.Mismatch e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "BatchMismatch");
    }
    BatchFile.write(runDir, spec, batchId, tasksFile, chosen);
    return new BatchPlan(tasksFile.toString(), runDir.toString(), chosen);
  }

  @Override
  public void awaitWorkers(int timeoutS) {
    WorkerReadiness readiness =
        new WorkerReadiness(client.getWorkflowServiceStubs(), client.getOptions().getNamespace());
    Set<Role> missing;
    try {
      missing = readiness.await(Duration.ofSeconds(timeoutS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for workers", e);
    }
    if (!missing.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no live, warm worker for "
              + missing.stream()
                  .map(r -> r.id() + " (queue " + r.taskQueue() + ")")
                  .collect(Collectors.joining(", "))
              + " within "
              + timeoutS
              + " s; start them with ./apex workers up",
          "WorkersNotReady");
    }
  }

  @Override
  public @Nullable EpisodeResult findEpisode(String workflowId, EpisodeInput expected) {
    WorkflowExecutionStatus status;
    try {
      status =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build())
              .getWorkflowExecutionInfo()
              .getStatus();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return null;
      }
      throw e;
    }
    if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      return null;
    }
    EpisodeInput stored = storedInput(workflowId);
    List<String> differences = stored == null ? List.of() : expected.differencesFrom(stored);
    if (stored == null || !differences.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "episode "
              + workflowId
              + " already completed with other input ("
              + (stored == null ? "unreadable" : String.join("; ", differences))
              + "); its result is not this batch's: start the batch under a new workflow id",
          "BatchMismatch");
    }
    return client.newUntypedWorkflowStub(workflowId).getResult(EpisodeResult.class);
  }

  /** The input an episode's latest run started with, or null when it cannot be read. */
  private @Nullable EpisodeInput storedInput(String workflowId) {
    var started =
        client
            .fetchHistory(workflowId)
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes();
    try {
      return client
          .getOptions()
          .getDataConverter()
          .fromPayloads(0, Optional.of(started.getInput()), EpisodeInput.class, EpisodeInput.class);
    } catch (DataConverterException e) {
      return null;
    }
  }

  @Override
  public BatchReport writeReport(BatchPlan plan, BatchSpec spec, String batchId) {
    ReportWriter.RunInfo info = ReportWriter.RunInfo.of(spec, batchId, sandbox);
    Path runDir = Path.of(plan.runDir());
    return ReportWriter.write(runDir, ReportWriter.rows(runDir, plan.instanceIds(), info), info);
  }
}
