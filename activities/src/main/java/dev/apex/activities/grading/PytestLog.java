package dev.apex.activities.grading;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads test results from pytest's output: the {@code -rA} short summary ({@code PASSED
 * tests/t.py::test_x}, {@code FAILED tests/t.py::test_y - message}) and, where the command used
 * {@code -v}, the progress lines ({@code tests/t.py::test_x PASSED [ 50%]}), which survive an
 * interrupted run. Node ids may hold brackets, spaces and non-ASCII characters.
 *
 * <p>The console is written by the code under test too, so the first verdict per test is kept
 * (pytest prints its own before anything an exit handler adds). Grading does not trust this log at
 * all: it reads {@link PytestReport}.
 */
public final class PytestLog {

  private static final String STATUSES = "PASSED|FAILED|ERROR|XFAIL|XPASS|SKIPPED";
  private static final Pattern SUMMARY = Pattern.compile("^(" + STATUSES + ") (.+)$");
  private static final Pattern PROGRESS =
      Pattern.compile("^(.+?::.+) (" + STATUSES + ")(?:\\s+\\[\\s*\\d+%\\])?\\s*$");
  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

  private PytestLog() {}

  /**
   * Node id to status; a summary line wins over the progress line for the same test, and of several
   * lines of one kind for the same test the first wins.
   */
  public static Map<String, TestStatus> parse(String output) {
    Map<String, TestStatus> progress = new LinkedHashMap<>();
    Map<String, TestStatus> summary = new LinkedHashMap<>();
    for (String raw : output.lines().toList()) {
      String line = ANSI.matcher(raw).replaceAll("").stripTrailing();
      Matcher s = SUMMARY.matcher(line);
      if (s.matches()) {
        String id = nodeId(s.group(2));
        if (id.contains("::")) {
          summary.merge(id, TestStatus.valueOf(s.group(1)), TestStatus::worst);
        }
        continue;
      }
      Matcher p = PROGRESS.matcher(line);
      if (p.matches() && !p.group(1).contains(" - ")) {
        progress.merge(p.group(1), TestStatus.valueOf(p.group(2)), TestStatus::worst);
      }
    }
    progress.putAll(summary);
    return progress;
  }

  /**
   * The node id at the start of a summary line's remainder. A message follows {@code " - "}, but
   * parameter ids may contain that too: take the first cut after which the id's brackets close.
   */
  static String nodeId(String rest) {
    int from = 0;
    while (true) {
      int cut = rest.indexOf(" - ", from);
      String candidate = cut < 0 ? rest : rest.substring(0, cut);
      if (cut < 0 || bracketsClosed(candidate)) {
        return candidate;
      }
      from = cut + 1;
    }
  }

  private static boolean bracketsClosed(String id) {
    int name = id.lastIndexOf("::");
    String last = name < 0 ? id : id.substring(name);
    return last.indexOf('[') < 0 || last.endsWith("]");
  }
}
