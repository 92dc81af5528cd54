package dev.apex.activities.grading;

import dev.apex.activities.sandbox.Sandbox;
import dev.apex.activities.sandbox.SandboxLimits;
import dev.apex.activities.sandbox.SandboxRequest;
import dev.apex.activities.sandbox.SandboxResult;
import dev.apex.activities.tasks.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Grades patches as SWE-bench does: a fresh copy of the base, the patch applied with fallbacks (or
 * refused unread when it reaches for {@code .git} or out of the copy), protected test files and
 * runner configuration put back, the test patch applied, the test command run in the sandbox under
 * {@link RunnerGuard}, and the runner's own report read. Thread-safe: each call works in its own
 * directory.
 */
public final class Grader {

  /** Characters of test output kept in a {@link GradeResult}. */
  public static final int LOG_TAIL_CHARS = 4000;

  private final Sandbox sandbox;
  private final Path scratchDir;

  /**
   * A grader running tests in {@code sandbox}.
   *
   * @param sandbox where test commands run
   * @param scratchDir where the per-grading copies are made (and deleted)
   */
  public Grader(Sandbox sandbox, Path scratchDir) {
    this.sandbox = sandbox;
    this.scratchDir = scratchDir;
  }

  public GradeResult grade(Task task, String modelPatch) {
    return verdict(task, runTests(task, modelPatch));
  }

  /** Applies {@code patch} (may be empty) and the test patch to a fresh copy and runs the tests. */
  public TestRun runTests(Task task, String patch) {
    long start = System.nanoTime();
    Path dir = scratchDir.resolve("apex-grade-" + UUID.randomUUID());
    try (Workspace workspace = Workspace.create(task.repoPath(), dir)) {
      PatchApplication application = PatchApplier.apply(workspace, patch);
      if (!application.applied()) {
        return new TestRun(
            application, List.of(), Map.of(), null, application.refusal(), since(start));
      }
      ProtectedPaths guard = ProtectedPaths.forTask(task);
      List<String> reverted = workspace.changedPaths().stream().filter(guard).toList();
      reverted.forEach(workspace::restore);
      PatchApplication tests = PatchApplier.applyExactly(workspace, task.testPatch());
      if (!tests.applied()) {
        String error = "test patch does not apply: " + tests.log().strip();
        return new TestRun(application, reverted, Map.of(), null, error, since(start));
      }
      SandboxLimits limits = limitsFor(task);
      RunnerGuard runner = RunnerGuard.of(task.logParser());
      SandboxResult result =
          sandbox.run(
              new SandboxRequest(
                  workspace.root(), runner.command(task.testCmd()), Map.of(), limits));
      Map<String, TestStatus> statuses = runner.statuses(result, task);
      return new TestRun(application, reverted, statuses, result, null, since(start));
    }
  }

  /**
   * The task's timeout as wall time; CPU time stays above it, so that a spinning test is
   * interrupted at the wall time (and pytest reports the tests that finished) rather than killed by
   * RLIMIT_CPU first.
   */
  static SandboxLimits limitsFor(Task task) {
    Duration cpu = task.timeout().multipliedBy(2).plusSeconds(10);
    if (cpu.compareTo(SandboxLimits.DEFAULT.cpuTime()) < 0) {
      cpu = SandboxLimits.DEFAULT.cpuTime();
    }
    return SandboxLimits.DEFAULT.withWallTime(task.timeout()).withCpuTime(cpu);
  }

  /** RESOLVED iff every FAIL_TO_PASS and PASS_TO_PASS test passed; a missing test failed. */
  public static GradeResult verdict(Task task, TestRun run) {
    Map<String, TestStatus> tests = new LinkedHashMap<>();
    task.failToPass().forEach(t -> tests.put(t, run.status(t)));
    task.passToPass().forEach(t -> tests.put(t, run.status(t)));
    TestCounts f2p = count(task.failToPass(), run);
    TestCounts p2p = count(task.passToPass(), run);
    boolean ran = run.sandbox() != null;
    boolean resolved = ran && run.error() == null && f2p.allPassed() && p2p.allPassed();
    String log =
        run.sandbox() != null
            ? run.sandbox().summary() + "\n" + run.sandbox().outputTail(LOG_TAIL_CHARS)
            : run.application().log();
    if (log.length() > LOG_TAIL_CHARS) {
      log = log.substring(log.length() - LOG_TAIL_CHARS);
    }
    return new GradeResult(
        task.instanceId(),
        resolved,
        run.application().method(),
        f2p,
        p2p,
        tests,
        run.reverted(),
        run.sandbox() == null ? null : run.sandbox().termination(),
        log,
        run.elapsed(),
        run.error());
  }

  private static TestCounts count(List<String> tests, TestRun run) {
    int passed = (int) tests.stream().filter(t -> run.status(t).passed()).count();
    return new TestCounts(passed, tests.size());
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
