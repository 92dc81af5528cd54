package dev.apex.activities.tasks;

import java.util.Arrays;
import java.util.Optional;

/** Which report a task's test command leaves, and so how its results are read. */
public enum LogParser {
  /**
   * pytest: the JUnit XML report grading has pytest write into {@code $APEX_REPORT_DIR} (never the
   * console output, which the code under test controls).
   */
  PYTEST("pytest"),
  /** JUnit XML files in {@code $APEX_REPORT_DIR}. */
  JUNIT("junit");

  private final String wireName;

  LogParser(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in task files. */
  public String wireName() {
    return wireName;
  }

  public static Optional<LogParser> fromWireName(String name) {
    return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
  }
}
