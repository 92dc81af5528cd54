package dev.apex.workflows.batch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.apex.workflows.Mode;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.TimeRule;
import dev.apex.workflows.policy.Policies;
import dev.apex.workflows.policy.PolicySettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A batch evaluation as users start it, from {@code ./apex eval} or as JSON from {@code temporal
 * workflow start}: the eval flags, every one optional. An unknown field fails the batch at once,
 * naming it.
 *
 * @param tasks task file (JSONL); the bundled set when absent
 * @param instanceIds only these tasks, in this order
 * @param limit at most this many tasks
 * @param out run directory; {@code runs/<batch id>} when absent
 * @param continuation set by the workflow itself when it continues as new; never by users
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record BatchInput(
    @Nullable String tasks,
    @Nullable List<String> instanceIds,
    @Nullable Integer limit,
    @Nullable String policy,
    @Nullable Integer budget,
    @Nullable String mode,
    @Nullable Integer episodeTimeoutS,
    @Nullable Integer progressExtendS,
    @Nullable Integer maxEpisodeTimeoutS,
    @Nullable Integer llmTimeoutS,
    @Nullable Integer heartbeatTimeoutS,
    @Nullable Integer testTimeoutS,
    @Nullable Integer gradingRuns,
    @Nullable Integer noWorkerTimeoutS,
    @Nullable Integer maxRounds,
    @Nullable Integer maxCompletionTokens,
    @Nullable Integer hubContextTokens,
    @Nullable Integer concurrency,
    @Nullable Integer pageSize,
    @Nullable String out,
    @Nullable String predictions,
    @Nullable String modelName,
    @Nullable BatchCursor continuation) {

  public static final String DEFAULT_POLICY = "static_star";
  public static final int DEFAULT_BUDGET = 10_000;
  public static final int DEFAULT_CONCURRENCY = 1;
  public static final int DEFAULT_PAGE_SIZE = 100;

  /** A batch input with every field at its default. */
  public static BatchInput defaults() {
    return new BatchInput(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null);
  }

  /** The same input continuing at {@code cursor}. */
  public BatchInput continuingAt(BatchCursor cursor) {
    return new BatchInput(
        tasks,
        instanceIds,
        limit,
        policy,
        budget,
        mode,
        episodeTimeoutS,
        progressExtendS,
        maxEpisodeTimeoutS,
        llmTimeoutS,
        heartbeatTimeoutS,
        testTimeoutS,
        gradingRuns,
        noWorkerTimeoutS,
        maxRounds,
        maxCompletionTokens,
        hubContextTokens,
        concurrency,
        pageSize,
        out,
        predictions,
        modelName,
        cursor);
  }

  /** Defaults applied; check {@link BatchSpec#problems()} before use. */
  public BatchSpec resolve() {
    TimeRule d = TimeRule.DEFAULTS;
    PolicySettings p = PolicySettings.DEFAULTS;
    return new BatchSpec(
        tasks,
        instanceIds == null ? List.of() : List.copyOf(instanceIds),
        or(limit, 0),
        policy == null ? DEFAULT_POLICY : policy,
        or(budget, DEFAULT_BUDGET),
        mode == null ? Mode.DEFAULT_ID : mode,
        new TimeRule(
            or(episodeTimeoutS, d.episodeTimeoutS()),
            or(progressExtendS, d.progressExtendS()),
            or(maxEpisodeTimeoutS, d.maxEpisodeTimeoutS()),
            or(llmTimeoutS, d.llmTimeoutS()),
            or(heartbeatTimeoutS, d.heartbeatTimeoutS()),
            or(testTimeoutS, d.testTimeoutS()),
            or(gradingRuns, d.gradingRuns()),
            or(noWorkerTimeoutS, TimeRule.DEFAULT_NO_WORKER_TIMEOUT_S)),
        new PolicySettings(
            or(maxRounds, p.maxRounds()),
            or(maxCompletionTokens, p.maxCompletionTokens()),
            or(hubContextTokens, p.hubContextTokens())),
        or(concurrency, DEFAULT_CONCURRENCY),
        or(pageSize, DEFAULT_PAGE_SIZE),
        out,
        predictions,
        modelName);
  }

  private static int or(@Nullable Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  /**
   * A batch input with defaults applied.
   *
   * @param limit at most this many tasks; 0 means all
   */
  public record BatchSpec(
      @Nullable String tasks,
      List<String> instanceIds,
      int limit,
      String policy,
      int budget,
      String mode,
      TimeRule timeRule,
      PolicySettings settings,
      int concurrency,
      int pageSize,
      @Nullable String out,
      @Nullable String predictions,
      @Nullable String modelName) {

    /**
     * The policy name rows, reports and search attributes carry: {@code predictions} when grading.
     */
    public String policyName() {
      return predictions != null ? EpisodeResult.PREDICTIONS : policy;
    }

    /** Every problem with this batch, empty when it can run. */
    public List<String> problems() {
      List<String> problems = new ArrayList<>();
      if (predictions == null && !Policies.names().contains(policy)) {
        problems.add("unknown policy '" + policy + "'; use one of " + Policies.names());
      }
      if (budget <= 0) {
        problems.add("budget must be > 0, got " + budget);
      }
      Mode.problem(mode).ifPresent(problems::add);
      Set<String> seen = new HashSet<>();
      for (String id : instanceIds) {
        if (!seen.add(id)) {
          problems.add("instanceIds must name each task once; '" + id + "' is repeated");
          break;
        }
      }
      if (limit < 0) {
        problems.add("limit must be >= 0, got " + limit);
      }
      if (concurrency <= 0) {
        problems.add("concurrency must be > 0, got " + concurrency);
      }
      if (pageSize <= 0) {
        problems.add("pageSize must be > 0, got " + pageSize);
      }
      if (timeRule.gradingRuns() == 0) {
        // An episode's rule reads 0 as 1 (histories from before the field); a batch must say 1+.
        problems.add("gradingRuns must be 1 to " + TimeRule.MAX_GRADING_RUNS + ", got 0");
      }
      problems.addAll(timeRule.problems());
      problems.addAll(settings.problems());
      return problems;
    }
  }
}
