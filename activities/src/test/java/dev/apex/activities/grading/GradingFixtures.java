package dev.apex.activities.grading;

import dev.apex.activities.tasks.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The tiny pytest repository the grading tests share: {@code calc.py} whose {@code add} subtracts,
 * a passing {@code test_zero}, and patches made by editing a copy of the base.
 */
final class GradingFixtures {

  static final String BUGGY = "def add(a, b):\n    return a - b\n";
  static final String FIXED = BUGGY.replace("a - b", "a + b");
  static final String TEST_ADD = "\n\ndef test_add():\n    assert add(2, 3) == 5\n";

  /** A pytest plugin that reports every test as passed. */
  static final String FORCE_PASS =
      """
      import pytest


      @pytest.hookimpl(hookwrapper=True)
      def pytest_runtest_makereport(item, call):
          outcome = yield
          outcome.get_result().outcome = "passed"
      """;

  /** An edit of a copy of the base. */
  interface Edit {
    void apply(Path root) throws IOException;
  }

  private GradingFixtures() {}

  /**
   * Writes the base under {@code tmp/base}: the buggy {@code calc.py} and {@code
   * tests/test_calc.py} ({@code imports} then {@code test_zero}).
   */
  static Path calcBase(Path tmp, String imports) throws IOException {
    Path base = tmp.resolve("base");
    Files.createDirectories(base.resolve("tests"));
    Files.writeString(base.resolve("calc.py"), BUGGY);
    Files.writeString(
        base.resolve("tests/test_calc.py"),
        imports + "from calc import add\n\n\ndef test_zero():\n    assert add(0, 0) == 0\n");
    return base;
  }

  /** The patch {@code edit} makes to a copy of {@code base} (made under {@code scratch}). */
  static String diff(Path base, Path scratch, Edit edit) throws IOException {
    try (Workspace ws = Workspace.create(base, scratch.resolve("edit-" + System.nanoTime()))) {
      edit.apply(ws.root());
      return ws.diff();
    }
  }

  /** The hidden tests: {@code tests/test_calc.py} with {@code test_add} and {@code more} added. */
  static String testPatch(Path base, Path scratch, String more) throws IOException {
    String tests = Files.readString(base.resolve("tests/test_calc.py")) + TEST_ADD + more;
    return diff(base, scratch, ws -> Files.writeString(ws.resolve("tests/test_calc.py"), tests));
  }

  /** {@code t} with its own test timeout set to {@code timeout} (and nothing in test_env). */
  static Task withTimeout(Task t, @Nullable Duration timeout) {
    return new Task(
        t.instanceId(),
        t.problemStatement(),
        t.hints(),
        t.patch(),
        t.testPatch(),
        t.failToPass(),
        t.passToPass(),
        t.repoPath(),
        t.testCmd(),
        t.logParser(),
        timeout);
  }
}
