package dev.apex.activities.tasks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One SWE-bench-shaped task: a repository at its base state, an issue, the gold patch, the hidden
 * tests and the tests that decide whether it is resolved.
 *
 * @param instanceId unique id within its task set
 * @param problemStatement the issue as a user reported it; what the agents see
 * @param hints extra text from the issue thread, often empty
 * @param patch the gold patch (unified diff against the base, source files only)
 * @param testPatch the hidden tests (unified diff, test files only); agents never see it
 * @param failToPass tests that fail on the base and must pass after the fix
 * @param passToPass tests that pass on the base and must still pass
 * @param repoPath absolute directory holding the repository at its base state
 * @param testCmd shell command, run at the repository root in the sandbox, that runs the tests
 * @param logParser how to read the test command's report
 * @param timeout the task's own cap on one run of the test command ({@code timeout_s}), or null; it
 *     may lower the run's {@code --test-timeout-s}, never raise it
 * @param testEnv what the test command needs beyond /usr ({@code test_env}): absolute paths exposed
 *     read-only at the same place in the sandbox, or {@link TestEnv#PYTHON}
 */
public record Task(
    String instanceId,
    String problemStatement,
    String hints,
    String patch,
    String testPatch,
    List<String> failToPass,
    List<String> passToPass,
    Path repoPath,
    String testCmd,
    LogParser logParser,
    @Nullable Duration timeout,
    List<String> testEnv) {

  public Task {
    if (instanceId.isBlank()) {
      throw new IllegalArgumentException("instanceId is blank");
    }
    if (!repoPath.isAbsolute()) {
      throw new IllegalArgumentException("repoPath not absolute: " + repoPath);
    }
    if (testCmd.isBlank()) {
      throw new IllegalArgumentException("testCmd is blank");
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout <= 0");
    }
    failToPass = List.copyOf(failToPass);
    passToPass = List.copyOf(passToPass);
    testEnv = List.copyOf(testEnv);
    testEnv.forEach(TestEnv::check);
  }

  /** The wall time of one test run under {@code cap}: the cap, or the task's own when lower. */
  public Duration testTimeout(Duration cap) {
    return timeout != null && timeout.compareTo(cap) < 0 ? timeout : cap;
  }

  /** The same task with other test lists. */
  public Task withTestLists(List<String> newFailToPass, List<String> newPassToPass) {
    return new Task(
        instanceId,
        problemStatement,
        hints,
        patch,
        testPatch,
        newFailToPass,
        newPassToPass,
        repoPath,
        testCmd,
        logParser,
        timeout,
        testEnv);
  }
}
