package dev.apex.workflows.batch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Where a batch stands when it continues as new: its resolved plan, the next task's index, and the
 * tallies so far.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchCursor(BatchPlan plan, int next, Tally tally) {

  public BatchCursor {
    if (next < 0 || next > plan.instanceIds().size()) {
      throw new IllegalArgumentException("next out of range");
    }
  }

  public List<String> remaining() {
    return plan.instanceIds().subList(next, plan.instanceIds().size());
  }
}
