package dev.apex.workflows.episode;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The episode's own steps that need I/O but no model; served on the episodes queue. */
@ActivityInterface(namePrefix = "Episode.")
public interface EpisodeActivities {

  /**
   * Creates the episode's working copy of the task's base repository (again, from scratch, on a
   * retry) and returns its path.
   */
  @ActivityMethod
  String prepareWorkspace(EpisodeInput input, String episodeId);

  /** Grades the submission as SWE-bench does. */
  @ActivityMethod
  GradeResult grade(GradeRequest request);

  /** Writes the episode's result row to the run directory (replacing an earlier one). */
  @ActivityMethod
  void recordOutcome(String runDir, EpisodeResult result);
}
