package dev.apex.workflows.episode;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.Map;

/** Reads the progress running activities report through their heartbeats. */
@ActivityInterface(namePrefix = "Progress.")
public interface ProgressActivities {

  /**
   * Progress units (tokens produced plus output observed) of each pending activity of the workflow,
   * keyed by activity id and attempt; a key's value only grows while it makes progress.
   */
  @ActivityMethod
  Map<String, Long> pendingProgress(String workflowId);
}
