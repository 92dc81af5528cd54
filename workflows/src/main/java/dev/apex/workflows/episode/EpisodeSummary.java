package dev.apex.workflows.episode;

/** The episode as the Temporal UI shows it: static details at start, current details after. */
public final class EpisodeSummary {

  private EpisodeSummary() {}

  /** What the episode is asked to do; set once when it starts (no worker needed to show it). */
  public static String details(EpisodeInput input) {
    TimeRule t = input.timeRule();
    return "Task `"
        + input.task().instanceId()
        + "` from `"
        + input.task().tasksFile()
        + "`\n\n"
        + (input.predictions() != null
            ? "Grading the given " + input.predictions() + " patch, no LLM calls"
            : "Policy **"
                + input.policy()
                + "**, budget "
                + input.budget()
                + " tokens, mode "
                + input.mode()
                + ", at most "
                + input.settings().maxRounds()
                + " rounds")
        + "\n\nDeadline "
        + t.episodeTimeoutS()
        + " s, extended by "
        + t.progressExtendS()
        + " s while progress continues, cap "
        + t.maxEpisodeTimeoutS()
        + " s\n\nRun directory `"
        + input.runDir()
        + "`";
  }

  /** While the episode runs. */
  static String running(EpisodeInput input, String phase) {
    return "**" + phase + "** — " + input.task().instanceId() + " with " + input.policyName();
  }

  /** The outcome, its reason and the numbers, once the episode has ended. */
  static String markdown(EpisodeResult row) {
    TestCounts t = row.tests();
    return "**"
        + row.outcome()
        + "** — "
        + row.instanceId()
        + " with "
        + row.policy()
        + ": "
        + row.tokensUsed()
        + " of "
        + row.budget()
        + " tokens, "
        + row.llmCalls()
        + " LLM calls\n\n"
        + row.reason()
        + "\n\n| tokens | at submit | budget | LLM calls | extensions | FAIL_TO_PASS | PASS_TO_PASS |\n"
        + "|---|---|---|---|---|---|---|\n| "
        + row.tokensUsed()
        + " | "
        + (row.tokensAtSubmit() < 0 ? "-" : row.tokensAtSubmit())
        + " | "
        + row.budget()
        + " | "
        + row.llmCalls()
        + " | "
        + row.deadlineExtensions()
        + " | "
        + t.failToPassPassed()
        + " of "
        + t.failToPassTotal()
        + " | "
        + t.passToPassPassed()
        + " of "
        + t.passToPassTotal()
        + " |";
  }
}
