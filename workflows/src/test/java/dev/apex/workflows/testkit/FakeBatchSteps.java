package dev.apex.workflows.testkit;

import dev.apex.workflows.batch.BatchActivities;
import dev.apex.workflows.batch.BatchInput.BatchSpec;
import dev.apex.workflows.batch.BatchPlan;
import dev.apex.workflows.batch.BatchReport;
import dev.apex.workflows.episode.EpisodeResult;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** A batch's steps with a fixed task list; counts readiness checks and reports. */
public final class FakeBatchSteps implements BatchActivities {

  private volatile List<String> ids = List.of("t1", "t2", "t3");
  private volatile @Nullable String missingRole;
  public final AtomicInteger readinessChecks = new AtomicInteger();
  public final AtomicInteger reports = new AtomicInteger();
  public final Map<String, EpisodeResult> earlier = new ConcurrentHashMap<>();

  public FakeBatchSteps tasks(int count) {
    List<String> list = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      list.add("t" + i);
    }
    ids = List.copyOf(list);
    return this;
  }

  public FakeBatchSteps missingRole(@Nullable String role) {
    this.missingRole = role;
    return this;
  }

  @Override
  public BatchPlan plan(BatchSpec spec, String batchId) {
    return new BatchPlan("/tasks/tasks.jsonl", "/runs/" + batchId, ids);
  }

  @Override
  public void awaitWorkers(int timeoutS) {
    readinessChecks.incrementAndGet();
    String missing = missingRole;
    if (missing != null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no live, warm worker for role " + missing + " within " + timeoutS + " s",
          "WorkersNotReady");
    }
  }

  @Override
  public @Nullable EpisodeResult findEpisode(String workflowId) {
    return earlier.get(workflowId);
  }

  @Override
  public BatchReport writeReport(BatchPlan plan, BatchSpec spec, String batchId) {
    reports.incrementAndGet();
    return new BatchReport(
        batchId,
        plan.runDir(),
        spec.policy(),
        spec.budget(),
        plan.instanceIds().size(),
        0,
        0,
        0,
        Map.of());
  }
}
