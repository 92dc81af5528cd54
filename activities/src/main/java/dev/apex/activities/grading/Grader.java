package dev.apex.activities.grading;

import dev.apex.activities.sandbox.PythonToolEnv;
import dev.apex.activities.sandbox.PythonToolEnv.ToolEnvException;
import dev.apex.activities.sandbox.RunGuard;
import dev.apex.activities.sandbox.Sandbox;
import dev.apex.activities.sandbox.SandboxConfig;
import dev.apex.activities.sandbox.SandboxLimits;
import dev.apex.activities.sandbox.SandboxRequest;
import dev.apex.activities.sandbox.SandboxResult;
import dev.apex.activities.sandbox.Termination;
import dev.apex.activities.tasks.Task;
import dev.apex.activities.tasks.TestEnvResolver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Grades patches as SWE-bench does: a fresh copy of the base, the patch applied with fallbacks (or
 * refused unread when it reaches for {@code .git} or out of the copy), protected test files and
 * runner configuration put back, the test patch applied, the test command run in the sandbox under
 * {@link RunnerGuard}, and the runner's own report read. A command that cannot run at all is an
 * error, not a failed patch (see {@link TestCommandError}); the tests run {@link
 * GradeLimits#runs()} times to find flaky ones. Thread-safe: each call works in its own directory.
 */
public final class Grader {

  /** Characters of test output kept in a {@link Grade}'s log tail. */
  public static final int LOG_TAIL_CHARS = 4000;

  private final Sandbox sandbox;
  private final Path scratchDir;
  private final TestEnvResolver testEnv;

  /**
   * A grader running tests in {@code sandbox}.
   *
   * @param sandbox where test commands run
   * @param scratchDir where the per-grading copies are made (and deleted)
   * @param testEnv what gives the paths a task's {@code test_env} names
   */
  public Grader(Sandbox sandbox, Path scratchDir, TestEnvResolver testEnv) {
    this.sandbox = sandbox;
    this.scratchDir = scratchDir;
    this.testEnv = testEnv;
  }

  /** A grader whose tool environments live in their default place. */
  public Grader(Sandbox sandbox, Path scratchDir) {
    this(
        sandbox,
        scratchDir,
        new TestEnvResolver(new PythonToolEnv(SandboxConfig.defaultToolEnvDir(Map.of()))));
  }

  public Grade grade(Task task, String modelPatch) {
    return grade(task, modelPatch, GradeLimits.DEFAULT, null);
  }

  /**
   * Runs the tests on the base plus {@code patch} up to {@code limits.runs()} times (once when the
   * first run did not finish) and judges them; when no required test appears at all and the patch
   * is not empty, runs the base once more to tell a broken environment from a breaking patch.
   *
   * @param guard held by every sandboxed run of this grading, so a retry ends a leftover attempt
   */
  public Grade grade(Task task, String patch, GradeLimits limits, @Nullable RunGuard guard) {
    Duration timeout = task.testTimeout(limits.testTimeout());
    List<TestRun> runs = new ArrayList<>();
    runs.add(runTests(task, patch, timeout, guard));
    while (runs.size() < limits.runs() && finished(runs.getLast())) {
      runs.add(runTests(task, patch, timeout, guard));
    }
    return Verdict.of(
        task, runs, errorCause(task, patch, runs.getFirst(), timeout, guard), timeout);
  }

  /** Applies {@code patch} (may be empty) and the test patch to a fresh copy and runs the tests. */
  public TestRun runTests(Task task, String patch) {
    return runTests(task, patch, task.testTimeout(GradeLimits.DEFAULT.testTimeout()), null);
  }

  private TestRun runTests(Task task, String patch, Duration timeout, @Nullable RunGuard guard) {
    long start = System.nanoTime();
    Path dir = scratchDir.resolve("apex-grade-" + UUID.randomUUID());
    try (Workspace workspace = Workspace.create(task.repoPath(), dir)) {
      PatchApplication application = PatchApplier.apply(workspace, patch);
      if (!application.applied()) {
        return new TestRun(application, List.of(), Map.of(), null, null, since(start));
      }
      ProtectedPaths guardPaths = ProtectedPaths.forTask(task);
      List<String> reverted = workspace.changedPaths().stream().filter(guardPaths).toList();
      reverted.forEach(workspace::restore);
      PatchApplication tests = PatchApplier.applyExactly(workspace, task.testPatch());
      if (!tests.applied()) {
        String error = "test patch does not apply: " + tests.log().strip();
        return new TestRun(application, reverted, Map.of(), null, error, since(start));
      }
      List<Path> tools;
      try {
        tools = testEnv.paths(task);
      } catch (ToolEnvException e) {
        return new TestRun(application, reverted, Map.of(), null, e.getMessage(), since(start));
      }
      RunnerGuard runner = RunnerGuard.of(task.logParser());
      SandboxResult result =
          sandbox.run(
              new SandboxRequest(
                  workspace.root(),
                  runner.command(task.testCmd()),
                  Map.of(),
                  limitsFor(timeout),
                  tools,
                  guard));
      Map<String, TestStatus> statuses = runner.statuses(result, task);
      return new TestRun(application, reverted, statuses, result, null, since(start));
    }
  }

  /**
   * The wall time {@code timeout}; CPU time stays above it, so that a spinning test is interrupted
   * at the wall time (and pytest reports the tests that finished) rather than killed by RLIMIT_CPU
   * first.
   */
  static SandboxLimits limitsFor(Duration timeout) {
    Duration cpu = timeout.multipliedBy(2).plusSeconds(10);
    if (cpu.compareTo(SandboxLimits.DEFAULT.cpuTime()) < 0) {
      cpu = SandboxLimits.DEFAULT.cpuTime();
    }
    return SandboxLimits.DEFAULT.withWallTime(timeout).withCpuTime(cpu);
  }

  /** The reason {@code run} says nothing about the patch, or null when it does. */
  private @Nullable String errorCause(
      Task task, String patch, TestRun run, Duration timeout, @Nullable RunGuard guard) {
    SandboxResult result = run.sandbox();
    if (run.error() != null || result == null) {
      return run.error();
    }
    List<String> required = Verdict.required(task);
    if (!TestCommandError.reportsNone(required, run.statuses())) {
      return null;
    }
    String cause = TestCommandError.environmentCause(result);
    if (cause != null || result.termination() != Termination.EXITED) {
      return cause;
    }
    if (!patch.isBlank()) {
      TestRun base = runTests(task, "", timeout, guard);
      if (base.error() == null
          && base.sandbox() != null
          && !TestCommandError.reportsNone(required, base.statuses())) {
        return null;
      }
    }
    return TestCommandError.noResults(result);
  }

  private static boolean finished(TestRun run) {
    return run.error() == null
        && run.sandbox() != null
        && run.sandbox().termination() == Termination.EXITED;
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
