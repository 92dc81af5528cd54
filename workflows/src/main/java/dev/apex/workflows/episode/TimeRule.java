package dev.apex.workflows.episode;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The episode's clock: a base deadline, extended in steps while progress continues, up to a hard
 * cap; and the limits of each LLM call.
 *
 * @param episodeTimeoutS base deadline from the episode's start
 * @param progressExtendS extension granted when progress was seen since the last check
 * @param maxEpisodeTimeoutS hard cap, whatever the progress
 * @param llmTimeoutS start-to-close limit of one LLM call
 * @param heartbeatTimeoutS how long an LLM call may go without a heartbeat before it is retried
 * @param testTimeoutS wall-time limit of one sandboxed run (Runner and grading); a task's own
 *     {@code timeout_s} may lower it, never raise it
 * @param gradingRuns how many times grading runs the required tests to find flaky ones; 0 (a
 *     history from before the field) means 1
 * @param noWorkerTimeoutS how long a role call may wait for a worker of its role to pick it up
 *     (schedule-to-start) before the episode ends as ERROR; null means the default. Time a call
 *     waits for a worker does not count against the deadline.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record TimeRule(
    int episodeTimeoutS,
    int progressExtendS,
    int maxEpisodeTimeoutS,
    int llmTimeoutS,
    int heartbeatTimeoutS,
    int testTimeoutS,
    int gradingRuns,
    @Nullable Integer noWorkerTimeoutS) {

  /** How long a role call waits for a worker of its role when the input names no limit. */
  public static final int DEFAULT_NO_WORKER_TIMEOUT_S = 300;

  /** The default time rule of every batch, episode and {@code ./apex eval}. */
  public static final TimeRule DEFAULTS =
      new TimeRule(1800, 120, 3600, 180, 30, 300, 1, DEFAULT_NO_WORKER_TIMEOUT_S);

  /** Margin of the grading activity's start-to-close beyond its test runs: copies, patches. */
  public static final Duration GRADING_MARGIN = Duration.ofMinutes(2);

  /** The most grading runs a batch may ask for. */
  public static final int MAX_GRADING_RUNS = 20;

  /** Backstop beyond the cap for workspace set-up and grading; the run timeout uses it. */
  public static final Duration RUN_TIMEOUT_MARGIN = Duration.ofMinutes(5);

  /** Every problem with these values, empty when they are usable. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    positive(problems, "episodeTimeoutS", episodeTimeoutS);
    positive(problems, "progressExtendS", progressExtendS);
    positive(problems, "maxEpisodeTimeoutS", maxEpisodeTimeoutS);
    positive(problems, "llmTimeoutS", llmTimeoutS);
    positive(problems, "heartbeatTimeoutS", heartbeatTimeoutS);
    positive(problems, "testTimeoutS", testTimeoutS);
    if (gradingRuns < 0 || gradingRuns > MAX_GRADING_RUNS) {
      problems.add("gradingRuns must be 1 to " + MAX_GRADING_RUNS + ", got " + gradingRuns);
    }
    if (noWorkerTimeoutS != null) {
      positive(problems, "noWorkerTimeoutS", noWorkerTimeoutS);
    }
    if (maxEpisodeTimeoutS < episodeTimeoutS) {
      problems.add(
          "maxEpisodeTimeoutS ("
              + maxEpisodeTimeoutS
              + ") is less than episodeTimeoutS ("
              + episodeTimeoutS
              + ")");
    }
    if (llmTimeoutS > episodeTimeoutS) {
      problems.add(
          "llmTimeoutS (" + llmTimeoutS + ") exceeds episodeTimeoutS (" + episodeTimeoutS + ")");
    }
    if (heartbeatTimeoutS > llmTimeoutS) {
      problems.add(
          "heartbeatTimeoutS ("
              + heartbeatTimeoutS
              + ") exceeds llmTimeoutS ("
              + llmTimeoutS
              + ")");
    }
    return problems;
  }

  private static void positive(List<String> problems, String name, int value) {
    if (value <= 0) {
      problems.add(name + " must be > 0, got " + value);
    }
  }

  public Duration base() {
    return Duration.ofSeconds(episodeTimeoutS);
  }

  public Duration extension() {
    return Duration.ofSeconds(progressExtendS);
  }

  public Duration cap() {
    return Duration.ofSeconds(maxEpisodeTimeoutS);
  }

  public Duration llmCall() {
    return Duration.ofSeconds(llmTimeoutS);
  }

  public Duration heartbeat() {
    return Duration.ofSeconds(heartbeatTimeoutS);
  }

  public Duration testRun() {
    return Duration.ofSeconds(testTimeoutS);
  }

  /** How many times grading runs the tests: at least 1. */
  public int gradingRunCount() {
    return Math.max(1, gradingRuns);
  }

  /**
   * The grading activity's start-to-close: its test runs (plus one run of the base that tells a
   * broken environment from a breaking patch) and a margin.
   */
  public Duration grading() {
    return testRun().multipliedBy(gradingRunCount() + 1L).plus(GRADING_MARGIN);
  }

  /** Schedule-to-start limit of a role call: how long it waits for a worker of its role. */
  public Duration noWorker() {
    return Duration.ofSeconds(
        noWorkerTimeoutS != null ? noWorkerTimeoutS : DEFAULT_NO_WORKER_TIMEOUT_S);
  }

  /**
   * The workflow run timeout, a backstop for when all else fails: twice the cap (time spent waiting
   * for workers moves the deadline, by at most the cap in all) plus a margin.
   */
  public Duration runTimeout() {
    return cap().multipliedBy(2).plus(RUN_TIMEOUT_MARGIN);
  }
}
