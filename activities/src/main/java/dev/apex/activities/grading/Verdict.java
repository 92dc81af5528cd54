package dev.apex.activities.grading;

import dev.apex.activities.sandbox.SandboxResult;
import dev.apex.activities.tasks.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Judges one or more runs of a task's tests: RESOLVED iff no error and every FAIL_TO_PASS and
 * PASS_TO_PASS test passed in every run (a test missing from a report failed); a required test that
 * passed in some runs and not in others is flaky, so a flaky required test never resolves.
 */
final class Verdict {

  private Verdict() {}

  static List<String> required(Task task) {
    return Stream.concat(task.failToPass().stream(), task.passToPass().stream()).toList();
  }

  static Grade of(Task task, List<TestRun> runs, @Nullable String error, Duration testTimeout) {
    TestRun first = runs.getFirst();
    Map<String, TestStatus> tests = new LinkedHashMap<>();
    List<String> flaky = new ArrayList<>();
    for (String test : required(task)) {
      TestStatus worst = first.status(test);
      boolean passedOnce = false;
      boolean failedOnce = false;
      for (TestRun run : runs) {
        TestStatus status = run.status(test);
        worst = worst.worst(status);
        passedOnce |= status.passed();
        failedOnce |= !status.passed();
      }
      tests.put(test, worst);
      if (passedOnce && failedOnce) {
        flaky.add(test);
      }
    }
    PassCount f2p = count(task.failToPass(), tests);
    PassCount p2p = count(task.passToPass(), tests);
    SandboxResult last = runs.getLast().sandbox();
    boolean resolved = last != null && error == null && f2p.allPassed() && p2p.allPassed();
    String log =
        last != null
            ? last.summary() + "\n" + last.outputTail(Grader.LOG_TAIL_CHARS)
            : error != null ? error : first.application().log();
    if (log.length() > Grader.LOG_TAIL_CHARS) {
      log = log.substring(log.length() - Grader.LOG_TAIL_CHARS);
    }
    Duration elapsed = runs.stream().map(TestRun::elapsed).reduce(Duration.ZERO, Duration::plus);
    return new Grade(
        task.instanceId(),
        resolved,
        first.application().method(),
        f2p,
        p2p,
        tests,
        first.reverted(),
        last == null ? null : last.termination(),
        log,
        elapsed,
        error,
        flaky,
        runs,
        testTimeout);
  }

  private static PassCount count(List<String> tests, Map<String, TestStatus> statuses) {
    int passed =
        (int)
            tests.stream()
                .filter(t -> statuses.getOrDefault(t, TestStatus.MISSING).passed())
                .count();
    return new PassCount(passed, tests.size());
  }
}
