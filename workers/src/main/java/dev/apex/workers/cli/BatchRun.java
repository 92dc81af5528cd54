package dev.apex.workers.cli;

import dev.apex.workflows.ApexSearchAttributes;
import dev.apex.workflows.TaskQueues;
import dev.apex.workflows.batch.BatchEvalWorkflow;
import dev.apex.workflows.batch.BatchInput;
import dev.apex.workflows.batch.BatchProgress;
import dev.apex.workflows.batch.BatchReport;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One batch as {@code apex eval} drives it: start it (or resume it under the same id), show its
 * progress, wait, print the report and decide the exit status.
 */
final class BatchRun {

  private BatchRun() {}

  /** Starts the batch, or attaches to it when it already runs, and waits for its report. */
  static int run(WorkflowClient client, LocalServer server, BatchInput input, String batchId)
      throws InterruptedException {
    BatchEvalWorkflow batch =
        client.newWorkflowStub(
            BatchEvalWorkflow.class,
            TaskQueues.onEpisodes(batchId)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(ApexSearchAttributes.BATCH, batchId)
                        .set(ApexSearchAttributes.OUTCOME, ApexSearchAttributes.RUNNING)
                        .build())
                .setStaticSummary(summary(input))
                .build());
    try {
      WorkflowClient.start(batch::run, input);
      System.out.println("apex eval: started batch " + batchId);
    } catch (WorkflowExecutionAlreadyStarted e) {
      System.out.println(
          "apex eval: resuming batch " + batchId + " (same inputs as an earlier run)");
    }
    if (server.isLocal()) {
      System.out.println("apex eval: watch it at " + server.uiLink(batchId));
    }
    BatchEvalWorkflow attached = client.newWorkflowStub(BatchEvalWorkflow.class, batchId);
    CompletableFuture<BatchReport> result =
        WorkflowStub.fromTyped(attached).getResultAsync(BatchReport.class);
    ProgressLine line = new ProgressLine(System.out, Boolean.getBoolean("apex.tty"));
    while (!result.isDone()) {
      try {
        BatchProgress progress = attached.progress();
        line.show(progress);
      } catch (RuntimeException e) {
        // The batch may be between runs (continue-as-new) or not picked up yet; try again.
      }
      try {
        result.get(2, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // keep polling until done; a failure is reported below
      }
    }
    line.finish();
    try {
      BatchReport report = result.get();
      printReport(report);
      return BatchVerdict.exitCode(report, input, System.out);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String message =
          cause instanceof WorkflowFailedException failed && failed.getCause() != null
              ? String.valueOf(failed.getCause().getMessage())
              : String.valueOf(cause == null ? e.getMessage() : cause.getMessage());
      System.err.println("apex eval: batch " + batchId + " failed: " + message);
      return 1;
    }
  }

  /**
   * Whether the batch already completed: then it needs no workers and its report is printed again.
   */
  static boolean completed(WorkflowClient client, String batchId) {
    try {
      return client.newUntypedWorkflowStub(batchId).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  /** The batch's one-line summary in the UI, e.g. "static_star on 4 tasks of tasks.jsonl". */
  static String summary(BatchInput input) {
    List<String> ids = input.instanceIds();
    String tasks =
        ids != null
            ? ids.size() + (ids.size() == 1 ? " task" : " tasks")
            : input.limit() != null ? "the first " + input.limit() + " tasks" : "all tasks";
    String predictions = input.predictions();
    return "APEX batch: "
        + (predictions != null ? fileName(predictions) + " predictions" : input.policy())
        + " on "
        + tasks
        + " of "
        + (input.tasks() == null ? "the bundled set" : fileName(input.tasks()))
        + " · budget "
        + input.budget();
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static void printReport(BatchReport report) {
    System.out.printf(
        "apex eval: %d/%d resolved (success@%d = %.1f%%) with %s; %d tokens; outcomes %s%n",
        report.resolved(),
        report.tasks(),
        report.budget(),
        report.successRate() * 100,
        report.policy(),
        report.tokensUsed(),
        report.outcomes());
    System.out.println(
        "apex eval: run directory "
            + report.runDir()
            + " (report.json, results.jsonl, predictions.jsonl, success_at_budget.svg)");
  }
}
