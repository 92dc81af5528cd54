package dev.apex.workflows.episode;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How an episode ended; one row of {@code results.jsonl}.
 *
 * @param instanceId task id
 * @param workflowId episode workflow id
 * @param batchId batch it belongs to, or null
 * @param policy policy name, or {@code predictions} when grading given patches
 * @param outcome how it ended
 * @param reason why, in words
 * @param resolved outcome is RESOLVED
 * @param budget the episode's token budget
 * @param tokensUsed tokens consumed, prompt and completion, all roles
 * @param tokensAtSubmit tokens consumed when the patch was submitted; -1 when never submitted
 * @param llmCalls LLM calls made (and charged to the budget)
 * @param callTokens cumulative tokens after each call, in order
 * @param deadlineExtensions time-rule extensions granted
 * @param durationS seconds from start to end
 * @param tests required tests that passed at grading
 * @param modelPatch the submitted patch, empty when none
 * @param flakyTests required tests whose result differed between grading runs
 * @param evidence the folder, relative to the run directory, keeping the graded patch, the test
 *     command, its exit code and output; null when nothing was graded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EpisodeResult(
    String instanceId,
    String workflowId,
    @Nullable String batchId,
    String policy,
    Outcome outcome,
    String reason,
    boolean resolved,
    int budget,
    int tokensUsed,
    int tokensAtSubmit,
    int llmCalls,
    List<Integer> callTokens,
    int deadlineExtensions,
    double durationS,
    TestCounts tests,
    String modelPatch,
    List<String> flakyTests,
    @Nullable String evidence) {

  public EpisodeResult {
    flakyTests = flakyTests == null ? List.of() : List.copyOf(flakyTests);
  }

  /** The policy name of episodes that grade given patches instead of running a policy. */
  public static final String PREDICTIONS = "predictions";

  /**
   * The row of an episode that ended without producing one (it failed, timed out or was
   * terminated): which episode it was and what it was given, then how it ended; nothing spent that
   * is known, nothing submitted, nothing resolved.
   */
  public static EpisodeResult withoutResult(
      String instanceId,
      String workflowId,
      @Nullable String batchId,
      String policy,
      int budget,
      Outcome outcome,
      String reason) {
    return new EpisodeResult(
        instanceId,
        workflowId,
        batchId,
        policy,
        outcome,
        reason,
        false,
        budget,
        0,
        -1,
        0,
        List.of(),
        0,
        0,
        TestCounts.NONE,
        "",
        List.of(),
        null);
  }
}
