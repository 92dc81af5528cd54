package dev.apex.activities.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.activities.sandbox.Termination;
import dev.apex.activities.sandbox.TestSandboxes;
import dev.apex.activities.tasks.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grades a tiny pytest task with real patches in the real sandbox. */
class GraderTest {

  @TempDir Path tmp;
  private Path base;
  private Task task;
  private Grader grader;

  @BeforeEach
  void setUp() throws IOException {
    base = GradingFixtures.calcBase(tmp, "");
    String gold = diff(ws -> write(ws, "calc.py", GradingFixtures.FIXED));
    String testPatch = GradingFixtures.testPatch(base, tmp, "");
    task = GradingFixtures.calcTask(base, gold, testPatch);
    grader = new Grader(TestSandboxes.best(), tmp);
  }

  @Test
  void goldPatch_resolves() {
    Grade result = grader.grade(task, task.patch());

    assertThat(result.resolved()).as(result.logTail()).isTrue();
    assertThat(result.applyMethod()).isEqualTo(ApplyMethod.GIT_APPLY);
    assertThat(result.failToPass()).isEqualTo(new PassCount(1, 1));
    assertThat(result.passToPass()).isEqualTo(new PassCount(1, 1));
    assertThat(result.termination()).isEqualTo(Termination.EXITED);
    assertThat(result.error()).isNull();
  }

  @Test
  void emptyPatch_doesNotResolve() {
    Grade result = grader.grade(task, "");

    assertThat(result.resolved()).isFalse();
    assertThat(result.applyMethod()).isEqualTo(ApplyMethod.EMPTY);
    assertThat(result.failToPass()).isEqualTo(new PassCount(0, 1));
    assertThat(result.passToPass()).isEqualTo(new PassCount(1, 1));
    assertThat(result.tests()).containsEntry("tests/test_calc.py::test_add", TestStatus.FAILED);
  }

  @Test
  void patchThatRewritesTheTests_isRevertedAndDoesNotResolve() throws IOException {
    String cheat =
        diff(ws -> {
          write(ws, "conftest.py", "import calc\ncalc.add = lambda a, b: a + b\n");
          write(ws, "tests/test_calc.py", "def test_add():\n    pass\n");
        });

    Grade result = grader.grade(task, cheat);

    assertThat(result.resolved()).isFalse();
    assertThat(result.revertedTestFiles())
        .containsExactlyInAnyOrder("conftest.py", "tests/test_calc.py");
    assertThat(result.failToPass()).isEqualTo(new PassCount(0, 1));
  }

  @Test
  void patchThatHangs_timesOutAndFails() throws IOException {
    Task quick = GradingFixtures.withTimeout(task, Duration.ofSeconds(2));
    String hang =
        diff(ws -> write(ws, "calc.py", "def add(a, b):\n    while True:\n        pass\n"));

    Grade result = grader.grade(quick, hang);

    assertThat(result.resolved()).isFalse();
    assertThat(result.termination()).isEqualTo(Termination.TIMED_OUT);
    assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(15));
    assertThat(result.tests()).containsEntry("tests/test_calc.py::test_zero", TestStatus.MISSING);
  }

  @Test
  void patchThatDoesNotApply_failsWithoutRunningTests() {
    Grade result = grader.grade(task, task.patch().replace("a - b", "a * b"));

    assertThat(result.resolved()).isFalse();
    assertThat(result.patchApplied()).isFalse();
    assertThat(result.termination()).isNull();
    assertThat(result.failToPass()).isEqualTo(new PassCount(0, 1));
  }

  @Test
  void patchThatAttacksTheHost_failsAndLeavesTheHostUnchanged() throws IOException {
    String marker = "apex-attack-" + System.nanoTime();
    Path home = Path.of(System.getProperty("user.home"));
    String attack =
        String.join(
            "\n",
            "import os, socket",
            "for d in [" + pyPaths(home, base, tmp) + "]:",
            "    try:",
            "        open(os.path.join(d, '" + marker + "'), 'w').write('x')",
            "    except OSError:",
            "        pass",
            "try:",
            "    socket.create_connection(('1.1.1.1', 80), timeout=1)",
            "except OSError:",
            "    pass",
            "while True:",
            "    print('x' * 65536)",
            "",
            "def add(a, b):",
            "    return a + b",
            "");
    String patch = diff(ws -> write(ws, "calc.py", attack));

    Grade result = grader.grade(task, patch);

    assertThat(result.resolved()).isFalse();
    assertThat(result.termination()).isEqualTo(Termination.OUTPUT_LIMIT);
    assertThat(home.resolve(marker)).doesNotExist();
    assertThat(base.resolve(marker)).doesNotExist();
    assertThat(tmp.resolve(marker)).doesNotExist();
    assertThat(base.resolve("calc.py")).hasContent(GradingFixtures.BUGGY.strip());
  }

  private static String pyPaths(Path... dirs) {
    StringBuilder out = new StringBuilder();
    for (Path dir : dirs) {
      out.append(out.isEmpty() ? "" : ", ").append('\'').append(dir).append('\'');
    }
    return out.toString();
  }

  @Test
  void limits_keepCpuTimeAboveTheWallTime() {
    assertThat(Grader.limitsFor(Duration.ofSeconds(10)).wallTime())
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(Grader.limitsFor(Duration.ofSeconds(10)).cpuTime())
        .isGreaterThan(Duration.ofSeconds(10));
    assertThat(Grader.limitsFor(Duration.ofMinutes(10)).cpuTime())
        .isGreaterThan(Duration.ofMinutes(10));
  }

  @Test
  void testTimeout_taskTimeoutLowersTheCapButNeverRaisesIt() {
    Duration cap = Duration.ofMinutes(5);

    assertThat(GradingFixtures.withTimeout(task, Duration.ofSeconds(10)).testTimeout(cap))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(GradingFixtures.withTimeout(task, Duration.ofMinutes(15)).testTimeout(cap))
        .isEqualTo(cap);
    assertThat(GradingFixtures.withTimeout(task, null).testTimeout(cap)).isEqualTo(cap);
  }

  private String diff(GradingFixtures.Edit edit) throws IOException {
    return GradingFixtures.diff(base, tmp, edit);
  }

  private static void write(Path root, String path, String content) throws IOException {
    Files.writeString(root.resolve(path), content);
  }
}
