package dev.apex.workflows.episode;

import org.jspecify.annotations.Nullable;

/** An episode's result while it is being decided; becomes an {@link EpisodeResult} at the end. */
final class Result {

  private final EpisodeInput input;
  private final String episodeId;
  @Nullable Outcome outcome;
  String reason = "";
  int tokensAtSubmit = -1;
  TestCounts tests = TestCounts.NONE;
  String modelPatch = "";

  Result(EpisodeInput input, String episodeId) {
    this.input = input;
    this.episodeId = episodeId;
  }

  void grade(GradeResult grade) {
    outcome = grade.resolved() ? Outcome.RESOLVED : Outcome.UNRESOLVED;
    reason = reason + "; " + grade.detail();
    tests = grade.tests();
    modelPatch = grade.modelPatch();
  }

  EpisodeResult toResult(TokenBudget budget, int extensions, double durationS) {
    Outcome end = outcome != null ? outcome : Outcome.ERROR;
    return new EpisodeResult(
        input.task().instanceId(),
        episodeId,
        input.batchId(),
        input.policyName(),
        end,
        reason.isEmpty() ? end.name().toLowerCase(java.util.Locale.ROOT) : reason,
        end == Outcome.RESOLVED,
        input.budget(),
        budget.used(),
        tokensAtSubmit,
        budget.cumulative().size(),
        budget.cumulative(),
        extensions,
        durationS,
        tests,
        modelPatch);
  }
}
