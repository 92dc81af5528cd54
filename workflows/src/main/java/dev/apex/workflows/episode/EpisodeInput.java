package dev.apex.workflows.episode;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.apex.workflows.Mode;
import dev.apex.workflows.policy.Policies;
import dev.apex.workflows.policy.PolicySettings;
import dev.apex.workflows.roles.TaskRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one episode runs: a task, a policy, a token budget and the time rule.
 *
 * @param task the task to solve
 * @param policy policy name, see {@link Policies}
 * @param budget tokens (prompt + completion) for the whole episode; a hard cap
 * @param mode {@code swe} (tests hidden from agents) or {@code hinted} (failing tests named)
 * @param timeRule deadlines and call limits
 * @param settings policy knobs
 * @param runDir run directory; sessions, working copies and results go under it
 * @param batchId the batch this episode belongs to, or null when run alone
 * @param predictions when set ({@code gold}, {@code empty} or a predictions file), grade that patch
 *     instead of running the agents
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record EpisodeInput(
    TaskRef task,
    String policy,
    int budget,
    String mode,
    TimeRule timeRule,
    PolicySettings settings,
    String runDir,
    @Nullable String batchId,
    @Nullable String predictions) {

  public static final List<String> MODES = Mode.ids();

  /**
   * How {@code other} differs from this input, e.g. {@code policy static_star, not single_agent};
   * empty when they are equal.
   */
  public List<String> differencesFrom(EpisodeInput other) {
    List<String> differences = new ArrayList<>();
    differ(differences, "task", task, other.task);
    differ(differences, "policy", policy, other.policy);
    differ(differences, "budget", budget, other.budget);
    differ(differences, "mode", mode, other.mode);
    differ(differences, "timeRule", timeRule, other.timeRule);
    differ(differences, "settings", settings, other.settings);
    differ(differences, "runDir", runDir, other.runDir);
    differ(differences, "batchId", batchId, other.batchId);
    differ(differences, "predictions", predictions, other.predictions);
    return differences;
  }

  private static void differ(
      List<String> differences, String field, @Nullable Object mine, @Nullable Object theirs) {
    if (!java.util.Objects.equals(mine, theirs)) {
      differences.add(field + " " + theirs + ", not " + mine);
    }
  }

  /** The policy name rows and search attributes carry: {@code predictions} when grading. */
  public String policyName() {
    return predictions != null ? EpisodeResult.PREDICTIONS : policy;
  }

  /**
   * Every problem with this input, empty when it can run. Written defensively: the input may come
   * from JSON typed by hand, where any field can be missing.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (Objects.isNull(task) || isBlank(task.instanceId()) || isBlank(task.tasksFile())) {
      problems.add("task needs instanceId and tasksFile");
    }
    if (predictions == null && !Policies.names().contains(policy)) {
      problems.add("unknown policy '" + policy + "'; use one of " + Policies.names());
    }
    if (budget <= 0) {
      problems.add("budget must be > 0, got " + budget);
    }
    Mode.problem(mode).ifPresent(problems::add);
    if (Objects.isNull(timeRule)) {
      problems.add("timeRule is missing");
    } else {
      problems.addAll(timeRule.problems());
    }
    if (Objects.isNull(settings)) {
      problems.add("settings is missing");
    } else {
      problems.addAll(settings.problems());
    }
    if (isBlank(runDir)) {
      problems.add("runDir is missing");
    }
    return problems;
  }

  private static boolean isBlank(@Nullable String s) {
    return s == null || s.isBlank();
  }
}
