package dev.apex.workflows.testkit;

import dev.apex.workflows.batch.BatchActivities;
import dev.apex.workflows.batch.BatchInput.BatchSpec;
import dev.apex.workflows.batch.BatchPlan;
import dev.apex.workflows.batch.BatchReport;
import dev.apex.workflows.episode.EpisodeInput;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.Outcome;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A batch's steps with a fixed task list. The report is built, as the real one is, from the rows
 * recorded in the run directory (the last row per task; a task without one counts as ERROR). Counts
 * readiness checks and reports.
 */
public final class FakeBatchSteps implements BatchActivities {

  private final FakeEpisodeSteps episodes;
  private volatile List<String> ids = List.of("t1", "t2", "t3");
  private volatile @Nullable String missingRole;
  public final AtomicInteger readinessChecks = new AtomicInteger();
  public final AtomicInteger reports = new AtomicInteger();

  /** What {@link #findEpisode} returns: results of episodes that completed before, by id. */
  public final Map<String, EpisodeResult> earlier = new ConcurrentHashMap<>();

  public FakeBatchSteps(FakeEpisodeSteps episodes) {
    this.episodes = episodes;
  }

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

  /** The run directory {@link #plan} gives a batch. */
  public static String runDir(String batchId) {
    return "/runs/" + batchId;
  }

  @Override
  public BatchPlan plan(BatchSpec spec, String batchId) {
    return new BatchPlan("/tasks/tasks.jsonl", runDir(batchId), ids);
  }

  @Override
  public void awaitWorkers(int timeoutS) {
    readinessChecks.incrementAndGet();
    String missing = missingRole;
    if (missing != null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no live, warm worker for " + missing + " within " + timeoutS + " s", "WorkersNotReady");
    }
  }

  @Override
  public @Nullable EpisodeResult findEpisode(String workflowId, EpisodeInput expected) {
    return earlier.get(workflowId);
  }

  @Override
  public BatchReport writeReport(BatchPlan plan, BatchSpec spec, String batchId) {
    reports.incrementAndGet();
    Map<String, EpisodeResult> last = new LinkedHashMap<>();
    for (EpisodeResult row : episodes.recordedIn(plan.runDir())) {
      last.put(row.instanceId(), row);
    }
    int resolved = 0;
    long tokens = 0;
    Map<Outcome, Integer> outcomes = new TreeMap<>();
    for (String id : plan.instanceIds()) {
      EpisodeResult row = last.get(id);
      Outcome outcome = row == null ? Outcome.ERROR : row.outcome();
      outcomes.merge(outcome, 1, Integer::sum);
      if (row != null) {
        resolved += row.resolved() ? 1 : 0;
        tokens += row.tokensUsed();
      }
    }
    int tasks = plan.instanceIds().size();
    return new BatchReport(
        batchId,
        plan.runDir(),
        spec.policyName(),
        spec.budget(),
        tasks,
        resolved,
        (double) resolved / tasks,
        tokens,
        outcomes);
  }
}
