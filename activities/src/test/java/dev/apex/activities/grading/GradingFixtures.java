package dev.apex.activities.grading;

import dev.apex.activities.tasks.LogParser;
import dev.apex.activities.tasks.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The tiny pytest repository the grading tests share: {@code calc.py} whose {@code add} subtracts,
 * a passing {@code test_zero}, and patches made by editing a copy of the base.
 */
final class GradingFixtures {

  static final String BUGGY = "def add(a, b):\n    return a - b\n";
  static final String FIXED = BUGGY.replace("a - b", "a + b");
  static final String TEST_ADD = "\n\ndef test_add():\n    assert add(2, 3) == 5\n";
  static final String TEST_ADD_ID = "tests/test_calc.py::test_add";
  static final String TEST_ZERO_ID = "tests/test_calc.py::test_zero";
  static final String PYTEST = "python3 -m pytest -rA -p no:cacheprovider tests/test_calc.py";

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

  /**
   * The calc task on {@code base}: {@code gold} as its patch, {@code testPatch} adding {@code
   * test_add}, which must pass beside {@code test_zero}; 20 s a test run.
   */
  static Task calcTask(Path base, String gold, String testPatch) {
    return calcTask(
        base, gold, testPatch, PYTEST, List.of(TEST_ADD_ID), Duration.ofSeconds(20), List.of());
  }

  /** The calc task with its own test command, FAIL_TO_PASS list, timeout and test_env. */
  static Task calcTask(
      Path base,
      String gold,
      String testPatch,
      String testCmd,
      List<String> failToPass,
      @Nullable Duration timeout,
      List<String> testEnv) {
    return new Task(
        "calc-1",
        "add subtracts",
        "",
        gold,
        testPatch,
        failToPass,
        List.of(TEST_ZERO_ID),
        base,
        testCmd,
        LogParser.PYTEST,
        timeout,
        testEnv);
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
        timeout,
        List.of());
  }
}
