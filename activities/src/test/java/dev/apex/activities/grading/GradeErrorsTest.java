package dev.apex.activities.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.activities.sandbox.PythonToolEnv;
import dev.apex.activities.sandbox.Sandbox;
import dev.apex.activities.sandbox.SandboxConfig;
import dev.apex.activities.sandbox.SandboxRequest;
import dev.apex.activities.sandbox.SandboxResult;
import dev.apex.activities.sandbox.Termination;
import dev.apex.activities.sandbox.TestSandboxes;
import dev.apex.activities.tasks.Task;
import dev.apex.activities.tasks.TestEnv;
import dev.apex.activities.tasks.TestEnvResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test command that cannot run is an error, not a failed patch; the test timeout caps every run;
 * repeated runs find flaky tests; a task's test_env reaches the sandbox. Real sandbox, real grader.
 */
class GradeErrorsTest {

  private static final String CMD = "-m pytest -rA -p no:cacheprovider tests/test_calc.py";

  @TempDir Path tmp;
  private Path base;
  private String gold = "";
  private String testPatch = "";

  @BeforeEach
  void setUp() throws IOException {
    base = GradingFixtures.calcBase(tmp, "import os\n");
    gold = diff(ws -> Files.writeString(ws.resolve("calc.py"), GradingFixtures.FIXED));
    testPatch =
        GradingFixtures.testPatch(
            base,
            tmp,
            "\n\ndef test_flaky():\n    assert os.environ.get('APEX_TEST_RUN', '1') != '2'\n");
  }

  @Test
  void grade_commandNotInTheSandbox_isAnErrorNamingTheCommand() {
    Grade result = grader().grade(task("python " + CMD, List.of()), gold);

    assertThat(result.resolved()).isFalse();
    assertThat(result.error()).contains("exit 127").contains("python: not found");
  }

  @Test
  void grade_testRunnerNotInstalled_isAnErrorNamingTheModule() {
    Grade result = grader().grade(task("python3 -I -S " + CMD, List.of()), gold);

    assertThat(result.error()).contains("No module named pytest");
  }

  @Test
  void grade_patchThatBreaksCollection_isUnresolvedBecauseTheBaseReportsTheTests()
      throws IOException {
    String broken = diff(ws -> Files.writeString(ws.resolve("calc.py"), "def add(a, b) oops\n"));

    Grade result = grader().grade(task("python3 " + CMD, List.of()), broken);

    assertThat(result.error()).isNull();
    assertThat(result.resolved()).isFalse();
    assertThat(result.termination()).isEqualTo(Termination.EXITED);
  }

  @Test
  void grade_noRequiredTestInAnyRun_isAnError() {
    Grade result = grader().grade(task("echo no tests here", List.of()), gold);

    assertThat(result.error()).startsWith("no required test appears").contains("no tests here");
  }

  @Test
  void grade_hangWithoutTaskTimeout_costsOneTestTimeout() throws IOException {
    String hang =
        diff(ws ->
            Files.writeString(ws.resolve("calc.py"), "def add(a, b):\n    while True: pass\n"));
    GradeLimits limits = new GradeLimits(Duration.ofSeconds(3), 3);

    Grade result = grader().grade(task("python3 " + CMD, List.of()), hang, limits, null);

    assertThat(result.termination()).isEqualTo(Termination.TIMED_OUT);
    assertThat(result.error()).isNull();
    assertThat(result.runs()).hasSize(1);
    assertThat(result.testTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void grade_testThatPassesOnlyInSomeRuns_isFlakyAndNotResolved() {
    Task task = task("python3 " + CMD, List.of(), "tests/test_calc.py::test_flaky");
    Grader numbered = new Grader(new NumberedRuns(TestSandboxes.bwrap()), tmp);

    Grade once = numbered.grade(task, gold, new GradeLimits(Duration.ofSeconds(30), 1), null);
    Grade thrice =
        new Grader(new NumberedRuns(TestSandboxes.bwrap()), tmp)
            .grade(task, gold, new GradeLimits(Duration.ofSeconds(30), 3), null);

    assertThat(once.resolved()).isTrue();
    assertThat(once.flakyTests()).isEmpty();
    assertThat(thrice.runs()).hasSize(3);
    assertThat(thrice.flakyTests()).containsExactly("tests/test_calc.py::test_flaky");
    assertThat(thrice.resolved()).isFalse();
  }

  @Test
  void grade_pythonCommandWithTheToolEnvironment_resolvesGold() {
    Grade result = grader().grade(task("python " + CMD, List.of(TestEnv.PYTHON)), gold);

    assertThat(result.error()).as(result.logTail()).isNull();
    assertThat(result.resolved()).as(result.logTail()).isTrue();
  }

  @Test
  void grade_testEnvPathMissingOnThisMachine_isAnErrorNamingIt() {
    Grade result = grader().grade(task("python3 " + CMD, List.of("/nonexistent/apex-jdk")), gold);

    assertThat(result.error()).contains("/nonexistent/apex-jdk");
  }

  private Grader grader() {
    return new Grader(
        TestSandboxes.bwrap(),
        tmp,
        new TestEnvResolver(new PythonToolEnv(SandboxConfig.defaultToolEnvDir(Map.of()))));
  }

  private Task task(String cmd, List<String> testEnv, String... extraFailToPass) {
    List<String> f2p =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of("tests/test_calc.py::test_add"),
                java.util.stream.Stream.of(extraFailToPass))
            .toList();
    return GradingFixtures.calcTask(base, gold, testPatch, cmd, f2p, null, testEnv);
  }

  private String diff(GradingFixtures.Edit edit) throws IOException {
    return GradingFixtures.diff(base, tmp, edit);
  }

  /** The real sandbox, telling each run its number in {@code APEX_TEST_RUN}. */
  private static final class NumberedRuns implements Sandbox {
    private final Sandbox real;
    private final AtomicInteger runs = new AtomicInteger();

    NumberedRuns(Sandbox real) {
      this.real = real;
    }

    @Override
    public SandboxResult run(SandboxRequest request) {
      return real.run(
          new SandboxRequest(
              request.workDir(),
              request.command(),
              Map.of("APEX_TEST_RUN", Integer.toString(runs.incrementAndGet())),
              request.limits(),
              request.toolPaths(),
              request.guard()));
    }

    @Override
    public String isolation() {
      return real.isolation();
    }

    @Override
    public String kind() {
      return real.kind();
    }
  }
}
