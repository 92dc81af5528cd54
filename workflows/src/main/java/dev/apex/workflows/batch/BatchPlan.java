package dev.apex.workflows.batch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A batch's inputs resolved against the episode worker's disk: absolute task file, run directory
 * and the ordered task ids.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchPlan(String tasksFile, String runDir, List<String> instanceIds) {

  public BatchPlan {
    instanceIds = List.copyOf(instanceIds);
  }
}
