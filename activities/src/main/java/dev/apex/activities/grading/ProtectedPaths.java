package dev.apex.activities.grading;

import dev.apex.activities.tasks.Task;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The paths a model patch may not change, because they decide what the tests check or how they run:
 * every file the test patch touches, everything under the test directories it touches ({@code
 * test/}, {@code tests/}, {@code testing/}) and those directories themselves, the runner's
 * configuration ({@link RunnerGuard}: every {@code conftest.py}, {@code pyproject.toml}, {@code
 * setup.cfg}, ... for pytest), the repository files the test command names (e.g. {@code
 * run_tests.sh}), and every directory on the way to a protected file or test directory, so that a
 * symbolic link or a file standing in for one is put back too.
 */
public final class ProtectedPaths implements Predicate<String> {

  private static final Set<String> TEST_DIRS = Set.of("test", "tests", "testing");

  private final Set<String> files;
  private final Set<String> dirs;
  private final RunnerGuard runner;

  private ProtectedPaths(Set<String> files, Set<String> dirs, RunnerGuard runner) {
    this.files = Set.copyOf(files);
    this.dirs = Set.copyOf(dirs);
    this.runner = runner;
  }

  public static ProtectedPaths forTask(Task task) {
    Set<String> files = new LinkedHashSet<>();
    Set<String> dirs = new LinkedHashSet<>();
    for (String path : PatchFiles.touched(task.testPatch())) {
      files.add(normalize(path));
      List<String> parts = List.of(normalize(path).split("/", -1));
      for (int i = parts.size() - 2; i >= 0; i--) {
        if (TEST_DIRS.contains(parts.get(i))) {
          dirs.add(String.join("/", parts.subList(0, i + 1)) + "/");
          break;
        }
      }
    }
    for (String word : task.testCmd().split("[\\s;&|()<>]+", -1)) {
      String path = normalize(word.replace("\"", "").replace("'", ""));
      int colon = path.indexOf("::");
      if (colon >= 0) {
        path = path.substring(0, colon);
      }
      if (!path.isEmpty()
          && !path.startsWith("-")
          && !path.startsWith("$")
          && path.contains(".")
          && PatchFiles.isSafe(path)) {
        files.add(path);
      }
    }
    return new ProtectedPaths(files, dirs, RunnerGuard.of(task.logParser()));
  }

  @Override
  public boolean test(String path) {
    String p = normalize(path);
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      return false;
    }
    if (files.contains(p) || runner.isConfig(p)) {
      return true;
    }
    for (String dir : dirs) {
      if (dir.startsWith(p + "/") || p.startsWith(dir)) {
        return true;
      }
    }
    for (String file : files) {
      if (file.startsWith(p + "/")) {
        return true;
      }
    }
    return false;
  }

  private static String normalize(String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    return p;
  }
}
