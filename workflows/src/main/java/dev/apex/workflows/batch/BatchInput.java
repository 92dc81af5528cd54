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
    return builder().build();
  }

  /** A batch input built field by field; a field left unset takes its default. */
  public static Builder builder() {
    return new Builder();
  }

  /** The same input continuing at {@code cursor}. */
  public BatchInput continuingAt(BatchCursor cursor) {
    Builder same = new Builder();
    same.tasks = tasks;
    same.instanceIds = instanceIds;
    same.limit = limit;
    same.policy = policy;
    same.budget = budget;
    same.mode = mode;
    same.episodeTimeoutS = episodeTimeoutS;
    same.progressExtendS = progressExtendS;
    same.maxEpisodeTimeoutS = maxEpisodeTimeoutS;
    same.llmTimeoutS = llmTimeoutS;
    same.heartbeatTimeoutS = heartbeatTimeoutS;
    same.testTimeoutS = testTimeoutS;
    same.gradingRuns = gradingRuns;
    same.noWorkerTimeoutS = noWorkerTimeoutS;
    same.maxRounds = maxRounds;
    same.maxCompletionTokens = maxCompletionTokens;
    same.hubContextTokens = hubContextTokens;
    same.concurrency = concurrency;
    same.pageSize = pageSize;
    same.out = out;
    same.predictions = predictions;
    same.modelName = modelName;
    return same.continuation(cursor).build();
  }

  /**
   * Sets a {@link BatchInput}'s fields by name, the one way code builds one (a JSON start names
   * them too); each setter's value may be null, meaning the default.
   */
  public static final class Builder {
    private @Nullable String tasks;
    private @Nullable List<String> instanceIds;
    private @Nullable Integer limit;
    private @Nullable String policy;
    private @Nullable Integer budget;
    private @Nullable String mode;
    private @Nullable Integer episodeTimeoutS;
    private @Nullable Integer progressExtendS;
    private @Nullable Integer maxEpisodeTimeoutS;
    private @Nullable Integer llmTimeoutS;
    private @Nullable Integer heartbeatTimeoutS;
    private @Nullable Integer testTimeoutS;
    private @Nullable Integer gradingRuns;
    private @Nullable Integer noWorkerTimeoutS;
    private @Nullable Integer maxRounds;
    private @Nullable Integer maxCompletionTokens;
    private @Nullable Integer hubContextTokens;
    private @Nullable Integer concurrency;
    private @Nullable Integer pageSize;
    private @Nullable String out;
    private @Nullable String predictions;
    private @Nullable String modelName;
    private @Nullable BatchCursor continuation;

    public Builder tasks(@Nullable String value) {
      tasks = value;
      return this;
    }

    public Builder instanceIds(@Nullable List<String> value) {
      instanceIds = value;
      return this;
    }

    public Builder limit(@Nullable Integer value) {
      limit = value;
      return this;
    }

    public Builder policy(@Nullable String value) {
      policy = value;
      return this;
    }

    public Builder budget(@Nullable Integer value) {
      budget = value;
      return this;
    }

    public Builder mode(@Nullable String value) {
      mode = value;
      return this;
    }

    public Builder episodeTimeoutS(@Nullable Integer value) {
      episodeTimeoutS = value;
      return this;
    }

    public Builder progressExtendS(@Nullable Integer value) {
      progressExtendS = value;
      return this;
    }

    public Builder maxEpisodeTimeoutS(@Nullable Integer value) {
      maxEpisodeTimeoutS = value;
      return this;
    }

    public Builder llmTimeoutS(@Nullable Integer value) {
      llmTimeoutS = value;
      return this;
    }

    public Builder heartbeatTimeoutS(@Nullable Integer value) {
      heartbeatTimeoutS = value;
      return this;
    }

    public Builder testTimeoutS(@Nullable Integer value) {
      testTimeoutS = value;
      return this;
    }

    public Builder gradingRuns(@Nullable Integer value) {
      gradingRuns = value;
      return this;
    }

    public Builder noWorkerTimeoutS(@Nullable Integer value) {
      noWorkerTimeoutS = value;
      return this;
    }

    public Builder maxRounds(@Nullable Integer value) {
      maxRounds = value;
      return this;
    }

    public Builder maxCompletionTokens(@Nullable Integer value) {
      maxCompletionTokens = value;
      return this;
    }

    public Builder hubContextTokens(@Nullable Integer value) {
      hubContextTokens = value;
      return this;
    }

    public Builder concurrency(@Nullable Integer value) {
      concurrency = value;
      return this;
    }

    public Builder pageSize(@Nullable Integer value) {
      pageSize = value;
      return this;
    }

    public Builder out(@Nullable String value) {
      out = value;
      return this;
    }

    public Builder predictions(@Nullable String value) {
      predictions = value;
      return this;
    }

    public Builder modelName(@Nullable String value) {
      modelName = value;
      return this;
    }

    public Builder continuation(@Nullable BatchCursor value) {
      continuation = value;
      return this;
    }

    public BatchInput build() {
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
          continuation);
    }

    private Builder() {}
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
