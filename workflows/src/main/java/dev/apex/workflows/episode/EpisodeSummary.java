package dev.apex.workflows.episode;

/** The episode's summary as the Temporal UI shows it in the workflow's details. */
final class EpisodeSummary {

  private EpisodeSummary() {}

  static String markdown(EpisodeResult row) {
    TestCounts t = row.tests();
    return "**"
        + row.outcome()
        + "** — "
        + row.instanceId()
        + " with "
        + row.policy()
        + "\n\n"
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
        + "/"
        + t.failToPassTotal()
        + " | "
        + t.passToPassPassed()
        + "/"
        + t.passToPassTotal()
        + " |";
  }
}
