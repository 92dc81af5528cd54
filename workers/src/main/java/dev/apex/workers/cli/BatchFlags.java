package dev.apex.workers.cli;

import dev.apex.workflows.Mode;
import dev.apex.workflows.batch.BatchInput;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code apex eval}'s flags that say what the batch is: each is the {@link BatchInput} field of the
 * same name, spelled in kebab case, with the default {@link EvalDefaults} reads from the type that
 * owns it.
 */
final class BatchFlags {

  /** A batch input's field in a problem message: {@code budget must}, {@code llmTimeoutS (9)}. */
  private static final Pattern FIELD = Pattern.compile("\\b[a-z]+(?:[A-Z][a-z]*)*(?= must| \\()");

  /** These flags, read from the options below so the list cannot go stale. */
  private static final Set<String> FLAGS =
      Arrays.stream(BatchFlags.class.getDeclaredFields())
          .map(field -> field.getAnnotation(Option.class))
          .filter(Objects::nonNull)
          .flatMap(option -> Arrays.stream(option.names()))
          .collect(Collectors.toUnmodifiableSet());

  @Option(
      names = "--tasks",
      description =
          "Task file (JSONL, SWE-bench shape). Default: the bundled set (its quick subset unless --all).")
  @Nullable Path tasks;

  @Option(names = "--all", description = "With the bundled set: every task, not the quick subset.")
  boolean all;

  @Option(names = "--instance-ids", split = ",", description = "Only these tasks, comma-separated.")
  @Nullable List<String> instanceIds;

  @Option(names = "--limit", description = "At most this many tasks.")
  @Nullable Integer limit;

  @Option(
      names = "--policy",
      description =
          "static_star, static_chain, single_agent, or a plugged-in one (default ${DEFAULT-VALUE}).")
  String policy = BatchInput.DEFAULT_POLICY;

  @Option(
      names = "--budget",
      description =
          "Tokens per episode, prompt + completion, all roles (default ${DEFAULT-VALUE}).")
  int budget;

  @Option(
      names = "--mode",
      description =
          "swe (tests hidden) or hinted (failing tests named) (default ${DEFAULT-VALUE}).")
  String mode = Mode.DEFAULT_ID;

  @Option(names = "--out", description = "Run directory (default runs/<batch id>).")
  @Nullable Path out;

  @Option(
      names = "--episode-timeout-s",
      description = "Base episode deadline (default ${DEFAULT-VALUE}).")
  int episodeTimeoutS;

  @Option(
      names = "--llm-timeout-s",
      description = "Limit of one LLM call (default ${DEFAULT-VALUE}).")
  int llmTimeoutS;

  @Option(
      names = "--progress-extend-s",
      description = "Extension while progress continues (default ${DEFAULT-VALUE}).")
  int progressExtendS;

  @Option(
      names = "--max-episode-timeout-s",
      description = "Hard cap of an episode (default ${DEFAULT-VALUE}).")
  int maxEpisodeTimeoutS;

  @Option(
      names = "--heartbeat-timeout-s",
      description = "A call silent this long is retried (default ${DEFAULT-VALUE}).")
  int heartbeatTimeoutS;

  @Option(
      names = "--test-timeout-s",
      description =
          "Wall-time limit of one sandboxed test run; a task's timeout_s may lower it (default ${DEFAULT-VALUE}).")
  int testTimeoutS;

  @Option(
      names = "--grading-runs",
      description =
          "Run the required tests this many times; a test whose result differs is flaky (default ${DEFAULT-VALUE}).")
  int gradingRuns;

  @Option(
      names = "--no-worker-timeout-s",
      defaultValue = "300",
      description =
          "A role call no worker picks up within this ends the episode as ERROR; the wait does not"
              + " count against the deadline (default ${DEFAULT-VALUE}).")
  int noWorkerTimeoutS;

  @Option(
      names = "--max-rounds",
      description = "Rounds before a policy submits (default ${DEFAULT-VALUE}).")
  int maxRounds;

  @Option(
      names = "--max-completion-tokens",
      description = "Completion cap of one call (default ${DEFAULT-VALUE}).")
  int maxCompletionTokens;

  @Option(
      names = "--hub-context-tokens",
      description =
          "The hub's conversation is summarized past this many tokens (default ${DEFAULT-VALUE}).")
  int hubContextTokens;

  @Option(names = "--concurrency", description = "Episodes at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--predictions",
      description =
          "Grade given patches instead of running agents: gold, empty, or a predictions file.")
  @Nullable String predictions;

  /**
   * The settings these flags give, every one set; the task file, task ids, run directory,
   * predictions and model name are the pre-flight check's to resolve.
   */
  BatchInput.Builder settings() {
    return BatchInput.builder()
        .limit(limit)
        .policy(policy)
        .budget(budget)
        .mode(mode)
        .episodeTimeoutS(episodeTimeoutS)
        .progressExtendS(progressExtendS)
        .maxEpisodeTimeoutS(maxEpisodeTimeoutS)
        .llmTimeoutS(llmTimeoutS)
        .heartbeatTimeoutS(heartbeatTimeoutS)
        .testTimeoutS(testTimeoutS)
        .gradingRuns(gradingRuns)
        .noWorkerTimeoutS(noWorkerTimeoutS)
        .maxRounds(maxRounds)
        .maxCompletionTokens(maxCompletionTokens)
        .hubContextTokens(hubContextTokens)
        .concurrency(concurrency);
  }

  /** A problem message with the batch input's field names replaced by these flags. */
  static String flagNames(String message) {
    Matcher field = FIELD.matcher(message);
    StringBuilder out = new StringBuilder();
    while (field.find()) {
      String name = field.group();
      String flag = "--" + name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
      field.appendReplacement(out, Matcher.quoteReplacement(FLAGS.contains(flag) ? flag : name));
    }
    field.appendTail(out);
    return out.toString();
  }
}
