package dev.apex.workflows.batch;

import dev.apex.workflows.batch.BatchInput.BatchSpec;
import dev.apex.workflows.episode.EpisodeInput;
import dev.apex.workflows.episode.EpisodeResult;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import org.jspecify.annotations.Nullable;

/** The batch's own steps that need I/O; served on the episodes queue. */
@ActivityInterface(namePrefix = "Batch.")
public interface BatchActivities {

  /**
   * Resolves the task file and run directory, loads and validates the tasks, and returns the
   * ordered ids. Fails without retry when the input names something that is not there.
   */
  @ActivityMethod
  BatchPlan plan(BatchSpec spec, String batchId);

  /**
   * Waits until every role queue has a live, warm worker; fails without retry, naming the missing
   * roles, when they do not appear within {@code timeoutS}.
   */
  @ActivityMethod
  void awaitWorkers(int timeoutS);

  /**
   * The result of an episode that already completed under this id, or null. Fails without retry
   * when that episode ran with other input than {@code expected} (e.g. the batch id was reused with
   * another policy): its result is not this batch's.
   */
  @ActivityMethod
  @Nullable EpisodeResult findEpisode(String workflowId, EpisodeInput expected);

  /** Writes results.jsonl, predictions.jsonl, report.json and the success@b plot. */
  @ActivityMethod
  BatchReport writeReport(BatchPlan plan, BatchSpec spec, String batchId);
}
