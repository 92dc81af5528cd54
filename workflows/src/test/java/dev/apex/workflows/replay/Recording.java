package dev.apex.workflows.replay;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The executions whose histories are stored under {@code src/test/resources/histories/}: {@link
 * RecordHistories} writes them, {@link ReplayTest} replays them.
 */
enum Recording {
  STATIC_STAR_RESOLVED("episode-static-star-resolved", "star"),
  STATIC_CHAIN_RESOLVED("episode-static-chain-resolved", "chain"),
  SINGLE_AGENT_RESOLVED("episode-single-agent-resolved", "single"),
  BUDGET_EXHAUSTED("episode-budget-exhausted", "broke"),
  TIMEOUT_AFTER_EXTENSIONS("episode-timeout-after-extensions", "paced"),
  CANCELLED("episode-cancelled", "cancelled"),
  BATCH_CONTINUED_AS_NEW("batch-continued-as-new", "paged", 2),
  BATCH_CHILD_FAILED("batch-child-failed", "faulty");

  /**
   * The paced test policy's settings in {@link #TIMEOUT_AFTER_EXTENSIONS}: a call every 3.5 min
   * until 33 min, so the checks at 30 and 32 min extend and the one at 34 min ends the episode.
   * They are not in the history, so the replay must set them too.
   */
  static final Duration PACED_CALL_EVERY = Duration.ofSeconds(210);

  static final Duration PACED_WORK_UNTIL = Duration.ofMinutes(33);

  private final String name;
  private final String workflowId;
  private final int runs;

  Recording(String name, String workflowId) {
    this(name, workflowId, 1);
  }

  Recording(String name, String workflowId, int runs) {
    this.name = name;
    this.workflowId = workflowId;
    this.runs = runs;
  }

  /**
   * The recorded workflow's id. Histories do not carry it, and the batch derives its children's ids
   * from it, so the replay must use the same one.
   */
  String workflowId() {
    return workflowId;
  }

  /** The history files, one per run, in run order: {@code name.json} or {@code name-runN.json}. */
  List<String> files() {
    if (runs == 1) {
      return List.of(name + ".json");
    }
    return IntStream.rangeClosed(1, runs).mapToObj(i -> name + "-run" + i + ".json").toList();
  }
}
