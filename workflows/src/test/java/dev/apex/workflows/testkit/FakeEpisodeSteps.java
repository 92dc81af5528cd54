package dev.apex.workflows.testkit;

import dev.apex.workflows.episode.EpisodeActivities;
import dev.apex.workflows.episode.EpisodeInput;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.GradeRequest;
import dev.apex.workflows.episode.GradeResult;
import dev.apex.workflows.episode.TestCounts;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Records grading requests and outcome rows (with their run directory); grades by a fixed verdict.
 * Counts episodes between their workspace and their recorded outcome, so tests can see how many ran
 * at once.
 */
public final class FakeEpisodeSteps implements EpisodeActivities {

  /** An outcome row and the run directory it was written to. */
  public record Row(String runDir, EpisodeResult result) {}

  private volatile boolean resolves = true;
  private volatile @Nullable String error;
  private final List<GradeRequest> grades = new CopyOnWriteArrayList<>();
  private final List<Row> rows = new CopyOnWriteArrayList<>();
  private final Set<String> running = new HashSet<>();
  private int maxRunning;

  public FakeEpisodeSteps resolves(boolean value) {
    this.resolves = value;
    return this;
  }

  /** Grades as a test command that could not run, with {@code cause}. */
  public FakeEpisodeSteps errs(String cause) {
    this.error = cause;
    return this;
  }

  public List<GradeRequest> grades() {
    return grades;
  }

  /** Every outcome row, in the order they were written. */
  public List<EpisodeResult> recorded() {
    return rows.stream().map(Row::result).toList();
  }

  /** The outcome rows written to {@code runDir}, in order. */
  public List<EpisodeResult> recordedIn(String runDir) {
    return rows.stream().filter(r -> r.runDir().equals(runDir)).map(Row::result).toList();
  }

  /** The most episodes that were between their workspace and their outcome at once. */
  public synchronized int maxRunning() {
    return maxRunning;
  }

  @Override
  public String prepareWorkspace(EpisodeInput input, String episodeId) {
    synchronized (this) {
      running.add(episodeId);
      maxRunning = Math.max(maxRunning, running.size());
    }
    return "/work/" + episodeId;
  }

  @Override
  public GradeResult grade(GradeRequest request) {
    grades.add(request);
    String cause = error;
    if (cause != null) {
      return new GradeResult(
          false,
          true,
          new TestCounts(0, 2, 0, 3),
          "diff --git a/x b/x",
          "error: " + cause,
          cause,
          List.of(),
          "grading/demo-1");
    }
    return resolves
        ? new GradeResult(true, true, new TestCounts(2, 2, 3, 3), "diff --git a/x b/x", "all pass")
        : new GradeResult(false, true, new TestCounts(0, 2, 3, 3), "diff --git a/x b/x", "2 fail");
  }

  @Override
  public void recordOutcome(String runDir, EpisodeResult result) {
    synchronized (this) {
      running.remove(result.workflowId());
    }
    rows.add(new Row(runDir, result));
  }
}
