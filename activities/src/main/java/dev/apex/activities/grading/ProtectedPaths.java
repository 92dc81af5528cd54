package dev.apex.activities.grading;

import dev.apex.activities.tasks.Task;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The files a model patch may not change, because they decide what the tests check: every file the
 * test patch touches, everything under the test directories it touches ({@code test/}, {@code
 * tests/}, {@code testing/}), every {@code conftest.py}, {@code pytest.ini} and {@code tox.ini},
 * and the repository files the test command names (e.g. {@code run_tests.sh}).
 */
public final class ProtectedPaths implements Predicate<String> {

  private static final Set<String> TEST_DIRS = Set.of("test", "tests", "testing");
  private static final Set<String> CONFIG_NAMES = Set.of("conftest.py", "pytest.ini", "tox.ini");

  private final Set<String> files;
  private final Set<String> dirs;

  private ProtectedPaths(Set<String> files, Set<String> dirs) {
    this.files = Set.copyOf(files);
    this.dirs = Set.copyOf(dirs);
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
    return new ProtectedPaths(files, dirs);
  }

  @Override
  public boolean test(String path) {
    String p = normalize(path);
    if (files.contains(p)) {
      return true;
    }
    for (String dir : dirs) {
      if (p.startsWith(dir)) {
        return true;
      }
    }
    int slash = p.lastIndexOf('/');
    return CONFIG_NAMES.contains(p.substring(slash + 1));
  }

  private static String normalize(String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    return p;
  }
}
