package dev.apex.workers.cli;

import dev.apex.workflows.Mode;
import dev.apex.workflows.batch.BatchInput;
import dev.apex.workflows.episode.TimeRule;
import dev.apex.workflows.policy.PolicySettings;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of {@code apex eval}'s flags, read from the types that own them, so the flags, a
 * batch started from Temporal's CLIs and docs/configuration.md (checked by a test) agree.
 */
final class EvalDefaults implements IDefaultValueProvider {

  private static final Map<String, Object> DEFAULTS =
      Map.ofEntries(
          Map.entry("--policy", BatchInput.DEFAULT_POLICY),
          Map.entry("--budget", BatchInput.DEFAULT_BUDGET),
          Map.entry("--mode", Mode.DEFAULT_ID),
          Map.entry("--concurrency", BatchInput.DEFAULT_CONCURRENCY),
          Map.entry("--episode-timeout-s", TimeRule.DEFAULTS.episodeTimeoutS()),
          Map.entry("--progress-extend-s", TimeRule.DEFAULTS.progressExtendS()),
          Map.entry("--max-episode-timeout-s", TimeRule.DEFAULTS.maxEpisodeTimeoutS()),
          Map.entry("--llm-timeout-s", TimeRule.DEFAULTS.llmTimeoutS()),
          Map.entry("--heartbeat-timeout-s", TimeRule.DEFAULTS.heartbeatTimeoutS()),
          Map.entry("--test-timeout-s", TimeRule.DEFAULTS.testTimeoutS()),
          Map.entry("--grading-runs", TimeRule.DEFAULTS.gradingRuns()),
          Map.entry("--max-rounds", PolicySettings.DEFAULTS.maxRounds()),
          Map.entry("--max-completion-tokens", PolicySettings.DEFAULTS.maxCompletionTokens()),
          Map.entry("--hub-context-tokens", PolicySettings.DEFAULTS.hubContextTokens()));

  @Override
  public @Nullable String defaultValue(ArgSpec argument) {
    if (argument instanceof OptionSpec option && DEFAULTS.containsKey(option.longestName())) {
      return String.valueOf(DEFAULTS.get(option.longestName()));
    }
    return null;
  }
}
