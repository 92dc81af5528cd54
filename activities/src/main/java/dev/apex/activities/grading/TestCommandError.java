package dev.apex.activities.grading;

import dev.apex.activities.sandbox.SandboxResult;
import dev.apex.activities.sandbox.Termination;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Tells a test command that could not run (the environment's fault: an ERROR) from one whose tests
 * ran and failed (the patch's fault: UNRESOLVED). Only a run in which none of the required tests
 * appears can be an error; a run that timed out or printed too much is the patch's.
 */
final class TestCommandError {

  private static final Pattern NO_RUNNER =
      Pattern.compile("No module named '?(pytest|unittest|nose2?)'?\\b");
  private static final Pattern NOT_FOUND =
      Pattern.compile("(command not found|: not found|No such file or directory)");

  private TestCommandError() {}

  /** Whether {@code statuses} mentions none of {@code required} (and there are some). */
  static boolean reportsNone(List<String> required, Map<String, TestStatus> statuses) {
    return !required.isEmpty()
        && required.stream()
            .allMatch(t -> statuses.getOrDefault(t, TestStatus.MISSING) == TestStatus.MISSING);
  }

  /**
   * The cause when the run shows the environment at fault whatever the patch: the sandbox could not
   * start, the command or the test runner is not there, or it cannot execute. Null otherwise.
   */
  static @Nullable String environmentCause(SandboxResult run) {
    if (run.termination() != Termination.EXITED) {
      return null;
    }
    List<String> lines = run.output().lines().map(String::strip).toList();
    Optional<String> bwrap = lines.stream().filter(l -> l.startsWith("bwrap: ")).findFirst();
    if (bwrap.isPresent()) {
      return "sandbox set-up failed: " + bwrap.get();
    }
    if (run.exitCode() == 125) {
      Optional<String> setup =
          lines.stream().filter(l -> l.startsWith("apex-sandbox:")).findFirst();
      if (setup.isPresent()) {
        return "sandbox set-up failed: " + setup.get();
      }
    }
    Optional<String> runner = lines.stream().filter(l -> NO_RUNNER.matcher(l).find()).findFirst();
    if (runner.isPresent()) {
      return "test runner not installed: " + runner.get();
    }
    if (run.exitCode() == 127) {
      return "command not found (exit 127): " + telling(lines, NOT_FOUND);
    }
    if (run.exitCode() == 126) {
      return "command cannot execute (exit 126): "
          + telling(lines, Pattern.compile("(Permission denied|cannot execute)"));
    }
    return null;
  }

  /** The cause when no required test appears and nothing more precise is known. */
  static String noResults(SandboxResult run) {
    List<String> lines = run.output().lines().map(String::strip).toList();
    return "no required test appears in the test output ("
        + run.summary()
        + "): "
        + telling(lines, Pattern.compile("(?i)(error|not found|no tests ran|exception)"));
  }

  /** The last line matching {@code pattern}, else the last non-blank line, at most 300 chars. */
  private static String telling(List<String> lines, Pattern pattern) {
    String found = "";
    for (String line : lines) {
      if (pattern.matcher(line).find()) {
        found = line;
      }
    }
    if (found.isEmpty()) {
      for (String line : lines) {
        if (!line.isBlank()) {
          found = line;
        }
      }
    }
    if (found.isEmpty()) {
      return "no output";
    }
    return found.length() > 300 ? found.substring(0, 300) + "..." : found;
  }
}
