package dev.apex.activities.report;

import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.Outcome;
import dev.apex.workflows.episode.TestCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's account of flaky tests (with {@code --grading-runs} above 1): a required test that
 * passed in some runs and not in others counts as failed, so no resolved episode rests on one; the
 * report counts the episodes that would have resolved had their flaky tests counted as passed.
 */
final class Flakiness {

  private Flakiness() {}

  static Map<String, Object> of(List<EpisodeResult> rows) {
    int withFlaky = 0;
    int onlyFlaky = 0;
    int resolvedOnFlaky = 0;
    for (EpisodeResult row : rows) {
      if (row.flakyTests().isEmpty()) {
        continue;
      }
      withFlaky++;
      resolvedOnFlaky += row.resolved() ? 1 : 0;
      TestCounts t = row.tests();
      int failed =
          t.failToPassTotal() - t.failToPassPassed() + t.passToPassTotal() - t.passToPassPassed();
      if (row.outcome() == Outcome.UNRESOLVED && failed == row.flakyTests().size()) {
        onlyFlaky++;
      }
    }
    Map<String, Object> flaky = new LinkedHashMap<>();
    flaky.put("episodes_with_flaky_tests", withFlaky);
    flaky.put("resolved_depending_on_flaky_tests", resolvedOnFlaky);
    flaky.put("unresolved_only_by_flaky_tests", onlyFlaky);
    flaky.put(
        "rule",
        "a required test that passed in some grading runs and not in others counts as failed");
    return flaky;
  }
}
