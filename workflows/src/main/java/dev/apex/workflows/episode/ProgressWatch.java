package dev.apex.workflows.episode;

import java.util.HashMap;
import java.util.Map;

/**
 * Decides whether progress happened since the last deadline check: a role call completed, or a
 * running call's heartbeat reports more output than it did at the last check.
 */
final class ProgressWatch {

  private int completedAtLastCheck;
  private Map<String, Long> pendingAtLastCheck = new HashMap<>();

  boolean progressed(int completedCalls, Map<String, Long> pendingNow) {
    boolean progressed = completedCalls > completedAtLastCheck;
    for (Map.Entry<String, Long> entry : pendingNow.entrySet()) {
      if (entry.getValue() > pendingAtLastCheck.getOrDefault(entry.getKey(), 0L)) {
        progressed = true;
      }
    }
    completedAtLastCheck = completedCalls;
    pendingAtLastCheck = new HashMap<>(pendingNow);
    return progressed;
  }
}
