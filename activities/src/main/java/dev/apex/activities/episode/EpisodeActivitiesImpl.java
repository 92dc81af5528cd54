package dev.apex.activities.episode;

import dev.apex.activities.grading.Grade;
import dev.apex.activities.grading.GradeLimits;
import dev.apex.activities.grading.Grader;
import dev.apex.activities.grading.Workspace;
import dev.apex.activities.roles.TaskCatalog;
import dev.apex.activities.sandbox.FileTrees;
import dev.apex.activities.sandbox.RunGuard;
import dev.apex.activities.tasks.Task;
import dev.apex.workflows.BuiltInPredictions;
import dev.apex.workflows.episode.EpisodeActivities;
import dev.apex.workflows.episode.EpisodeInput;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.GradeRequest;
import dev.apex.workflows.episode.GradeResult;
import dev.apex.workflows.episode.TestCounts;
import dev.apex.workflows.run.RunLayout;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.nio.file.Path;
import java.time.Duration;

/** The episode's working copy, grading and result rows, on the episode worker's disk. */
public final class EpisodeActivitiesImpl implements EpisodeActivities {

  /** Longest patch kept in workflow history; the full one is in the run directory. */
  static final int MAX_PATCH_CHARS = 200_000;

  private final TaskCatalog tasks;
  private final Grader grader;

  public EpisodeActivitiesImpl(TaskCatalog tasks, Grader grader) {
    this.tasks = tasks;
    this.grader = grader;
  }

  @Override
  public String prepareWorkspace(EpisodeInput input, String episodeId) {
    Task task = tasks.get(input.task());
    Path dir = Path.of(RunLayout.workspace(input.runDir(), episodeId));
    FileTrees.delete(dir);
    FileTrees.delete(Path.of(RunLayout.turnCheckpoints(dir.toString())));
    // A re-run episode (same id after a failed or terminated attempt) starts from fresh
    // conversations too: nothing of the earlier attempt may leak into this one.
    FileTrees.delete(Path.of(RunLayout.sessions(input.runDir(), episodeId)));
    Workspace.create(task.repoPath(), dir);
    return dir.toString();
  }

  /**
   * Grades under the request's test timeout and number of runs, heartbeating meanwhile. Its
   * sandboxes run under a guard keyed by the episode: a retry on this worker first kills an earlier
   * attempt's sandbox and stops that attempt, and so does a heartbeat that learns the attempt is
   * over. Keeps the evidence in the run directory.
   */
  @Override
  public GradeResult grade(GradeRequest request) {
    Task task = tasks.get(request.task());
    String patch = patch(request, task);
    GradeLimits limits =
        new GradeLimits(
            Duration.ofSeconds(request.testTimeoutS()), Math.max(1, request.gradingRuns()));
    ActivityExecutionContext context = Activity.getExecutionContext();
    RunGuard guard = RunGuard.of("grade:" + context.getInfo().getWorkflowId());
    GradingHeartbeat heartbeat = new GradingHeartbeat(context, guard);
    Grade graded;
    try {
      graded = grader.grade(task, patch, limits, guard);
    } finally {
      heartbeat.close();
      guard.release();
    }
    String evidence =
        request.runDir() == null
            ? null
            : Evidence.write(Path.of(request.runDir()), task, patch, graded);
    return new GradeResult(
        graded.resolved(),
        graded.patchApplied(),
        new TestCounts(
            graded.failToPass().passed(),
            graded.failToPass().total(),
            graded.passToPass().passed(),
            graded.passToPass().total()),
        patch.length() > MAX_PATCH_CHARS ? patch.substring(0, MAX_PATCH_CHARS) : patch,
        GradeDetail.of(graded, evidence),
        graded.error(),
        graded.flakyTests(),
        evidence);
  }

  @Override
  public void recordOutcome(String runDir, EpisodeResult result) {
    RunFiles.writeEpisode(Path.of(runDir), result);
  }

  private static String patch(GradeRequest request, Task task) {
    String predictions = request.predictions();
    if (predictions == null) {
      return Workspace.open(Path.of(request.workspace())).diff();
    }
    return BuiltInPredictions.named(predictions)
        .map(builtIn ->
            switch (builtIn) {
              case GOLD -> task.patch();
              case EMPTY -> "";
            })
        .orElseGet(
            () -> Predictions.load(Path.of(predictions)).getOrDefault(task.instanceId(), ""));
  }
}
