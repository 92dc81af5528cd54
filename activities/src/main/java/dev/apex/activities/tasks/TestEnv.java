package dev.apex.activities.tasks;

import java.nio.file.Path;

/**
 * The entries of a task's {@code test_env}: absolute paths on the grading machine (an interpreter,
 * a virtualenv or prefix, a JDK), or {@value #PYTHON}, the Python tool environment APEX provides.
 */
public final class TestEnv {

  /** APEX's Python tool environment: a virtualenv with pytest, made on first use. */
  public static final String PYTHON = "apex:python";

  private TestEnv() {}

  /** Throws with the problem when {@code entry} is neither an absolute normal path nor known. */
  static void check(String entry) {
    if (entry.equals(PYTHON)) {
      return;
    }
    if (entry.startsWith("apex:")) {
      throw new IllegalArgumentException(
          "unknown tool environment '" + entry + "' (" + PYTHON + ")");
    }
    Path path = Path.of(entry);
    if (!path.isAbsolute() || !path.normalize().equals(path) || path.getNameCount() == 0) {
      throw new IllegalArgumentException(
          "'" + entry + "' is not an absolute path without '..' (or " + PYTHON + ")");
    }
  }
}
