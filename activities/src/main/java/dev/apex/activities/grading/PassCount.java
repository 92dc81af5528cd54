package dev.apex.activities.grading;

/** How many of a list of tests passed. */
public record PassCount(int passed, int total) {

  public PassCount {
    if (passed < 0 || total < passed) {
      throw new IllegalArgumentException("need 0 <= passed <= total");
    }
  }

  public boolean allPassed() {
    return passed == total;
  }

  @Override
  public String toString() {
    return passed + "/" + total;
  }
}
