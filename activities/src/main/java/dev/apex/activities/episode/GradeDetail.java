package dev.apex.activities.episode;

import dev.apex.activities.grading.Grade;
import dev.apex.activities.sandbox.Termination;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The grade's part of a row's reason, one line: e.g. {@code "patch git, FAIL_TO_PASS 1/2, ..."}.
 */
final class GradeDetail {

  private GradeDetail() {}

  static String of(Grade graded, @Nullable String evidence) {
    StringBuilder detail =
        new StringBuilder("patch ")
            .append(graded.applyMethod().name().toLowerCase(Locale.ROOT))
            .append(", FAIL_TO_PASS ")
            .append(graded.failToPass())
            .append(", PASS_TO_PASS ")
            .append(graded.passToPass());
    if (graded.refusal() != null) {
      detail.append(", ").append(graded.refusal());
    } else if (graded.error() != null) {
      detail.append(", error: ").append(graded.error());
    } else if (graded.termination() == Termination.TIMED_OUT) {
      detail
          .append(", tests timed out after ")
          .append(graded.testTimeout().toSeconds())
          .append(" s");
    } else if (graded.termination() == Termination.OUTPUT_LIMIT) {
      detail.append(", tests killed at the output limit");
    }
    if (!graded.flakyTests().isEmpty()) {
      detail.append(", flaky: ").append(String.join(" ", graded.flakyTests()));
    }
    if (graded.runs().size() > 1) {
      detail.append(", ").append(graded.runs().size()).append(" runs");
    }
    if (evidence != null) {
      detail.append(", evidence ").append(evidence);
    }
    return detail.toString();
  }
}
