package dev.apex.activities.edits;

import java.util.List;

/** The outcome of every edit of one request, in order. Errors are values, never exceptions. */
public record EditReport(List<EditOutcome> outcomes) {

  public EditReport {
    outcomes = List.copyOf(outcomes);
  }

  public boolean allApplied() {
    return !outcomes.isEmpty() && outcomes.stream().allMatch(EditOutcome::applied);
  }

  public List<String> changedPaths() {
    return outcomes.stream()
        .filter(EditOutcome::applied)
        .map(EditOutcome::path)
        .distinct()
        .toList();
  }

  /** One line per edit, for the agent's next prompt. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    for (EditOutcome o : outcomes) {
      text.append("edit ")
          .append(o.index() + 1)
          .append(o.applied() ? " ok: " : " FAILED: ")
          .append(o.message())
          .append('\n');
    }
    return text.toString();
  }
}
