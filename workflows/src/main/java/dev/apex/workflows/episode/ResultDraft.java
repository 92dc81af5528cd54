package dev.apex.workflows.episode;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** An episode's result while it is being decided; becomes an {@link EpisodeResult} at the end. */
final class ResultDraft {

  private final EpisodeInput input;
  private final String episodeId;
  @Nullable Outcome outcome;
  String reason = "";
  int tokensAtSubmit = -1;
  TestCounts tests = TestCounts.NONE;
  String modelPatch = "";
  List<String> flakyTests = List.of();
  @Nullable String evidence;

  ResultDraft(EpisodeInput input, String episodeId) {
    this.input = input;
    this.episodeId = episodeId;
  }

  /** A grade whose test command could not run is an ERROR: the agents are not to blame. */
  void grade(GradeResult grade) {
    if (grade.error() != null) {
      outcome = Outcome.ERROR;
    } else {
      outcome = grade.resolved() ? Outcome.RESOLVED : Outcome.UNRESOLVED;
    }
    reason = reason + "; " + grade.detail();
    tests = grade.tests();
    modelPatch = grade.modelPatch();
    flakyTests = grade.flakyTests();
    evidence = grade.evidence();
  }

  EpisodeResult finish(TokenBudget budget, int extensions, double durationS) {
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
        modelPatch,
        flakyTests,
        evidence);
  }
}
