package dev.apex.workflows.episode;

/** How many of the required tests passed at grading. */
public record TestCounts(
    int failToPassPassed, int failToPassTotal, int passToPassPassed, int passToPassTotal) {

  public static final TestCounts NONE = new TestCounts(0, 0, 0, 0);
}
