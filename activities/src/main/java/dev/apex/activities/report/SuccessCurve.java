package dev.apex.activities.report;

import dev.apex.workflows.episode.EpisodeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * success@b for every b up to the budget, from one run: a task counts at b when it was resolved
 * with at most b tokens spent at submission. Valid for policies that are not told their budget.
 */
public final class SuccessCurve {

  /** One point of the curve. */
  public record Point(int budget, double success) {}

  private SuccessCurve() {}

  /** The curve's corners: at 0, at each resolved episode's tokens at submit, and at the budget. */
  public static List<Point> of(List<EpisodeResult> rows, int taskCount, int budget) {
    TreeSet<Integer> corners = new TreeSet<>();
    corners.add(0);
    corners.add(budget);
    for (EpisodeResult row : rows) {
      if (row.resolved() && row.tokensAtSubmit() >= 0 && row.tokensAtSubmit() <= budget) {
        corners.add(row.tokensAtSubmit());
      }
    }
    List<Point> points = new ArrayList<>();
    for (int b : corners) {
      points.add(new Point(b, at(rows, taskCount, b)));
    }
    return points;
  }

  /** The share of {@code taskCount} tasks resolved within {@code b} tokens. */
  public static double at(List<EpisodeResult> rows, int taskCount, int b) {
    if (taskCount == 0) {
      return 0;
    }
    long solved =
        rows.stream()
            .filter(r -> r.resolved() && r.tokensAtSubmit() >= 0 && r.tokensAtSubmit() <= b)
            .count();
    return (double) solved / taskCount;
  }
}
