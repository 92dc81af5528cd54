package dev.apex.activities.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.activities.sandbox.TestSandboxes;
import dev.apex.activities.tasks.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Patches that reach for the host or fake a pass, graded by the real grader in the real sandbox:
 * none resolves, and the host keeps its files. The bug ({@code a - b}) is never fixed, so a
 * RESOLVED here would be a faked pass.
 */
class HostileGradingTest {

  private static final String TEST_ADD = GradingFixtures.TEST_ADD_ID;

  @TempDir Path tmp;
  private Path base;
  private Task task;
  private Grader grader;

  @BeforeEach
  void setUp() throws IOException {
    base = GradingFixtures.calcBase(tmp, "");
    String testPatch = GradingFixtures.testPatch(base, tmp, "");
    task = GradingFixtures.calcTask(base, diff("calc.py", GradingFixtures.FIXED), testPatch);
    grader = new Grader(TestSandboxes.best(), tmp.resolve("scratch"));
  }

  @Test
  void goldPatch_stillResolvesUnderTheGuards() {
    Grade result = grader.grade(task, task.patch());

    assertThat(result.resolved()).as(result.logTail()).isTrue();
  }

  @Test
  void gitConfigFilterPatch_isRefusedWithItsReasonAndRunsNothing() {
    Path marker = tmp.resolve("filter-ran");
    String attack =
        diff(".gitattributes", "* filter=x\n")
            + "diff --git a/.git/config b/.git/config\n"
            + "--- a/.git/config\n+++ b/.git/config\n@@ -1,1 +1,3 @@\n [core]\n"
            + "+[filter \"x\"]\n+\tclean = touch "
            + marker
            + "\n";

    Grade result = grader.grade(task, attack);

    assertThat(result.resolved()).isFalse();
    assertThat(result.applyMethod()).isEqualTo(ApplyMethod.REFUSED);
    assertThat(result.refusal()).isEqualTo("patch refused: touches .git/config");
    assertThat(result.error()).as("the patch's doing, not a grading error").isNull();
    assertThat(result.termination()).isNull();
    assertThat(marker).doesNotExist();
  }

  @Test
  void symlinkedTestsToAHostFolder_isRefusedAndTheFolderSurvives() throws IOException {
    Path host = Files.createDirectories(tmp.resolve("host-folder"));
    Files.writeString(host.resolve("test_calc.py"), "decoy\n");
    String attack =
        "diff --git a/tests/test_calc.py b/tests/test_calc.py\ndeleted file mode 100644\n"
            + "--- a/tests/test_calc.py\n+++ /dev/null\n@@ -1,5 +0,0 @@\n-from calc import add\n"
            + "-\n-\n-def test_zero():\n-    assert add(0, 0) == 0\n"
            + "diff --git a/tests b/tests\nnew file mode 120000\n--- /dev/null\n+++ b/tests\n"
            + "@@ -0,0 +1 @@\n+"
            + host
            + "\n\\ No newline at end of file\n";

    Grade result = grader.grade(task, attack);

    assertThat(result.resolved()).isFalse();
    assertThat(result.refusal())
        .isEqualTo(
            "patch refused: creates a symbolic link out of the working copy: tests -> " + host);
    assertThat(host.resolve("test_calc.py")).hasContent("decoy");
  }

  @Test
  void testsReplacedByALinkInsideTheCopy_isPutBackAndTheRealTestsRun() throws IOException {
    Path scratch = tmp.resolve("link-edit");
    String attack;
    try (Workspace ws = Workspace.create(base, scratch)) {
      Files.createDirectories(ws.root().resolve("fake"));
      Files.writeString(ws.root().resolve("fake/test_calc.py"), "def test_add():\n    pass\n");
      Files.delete(ws.root().resolve("tests/test_calc.py"));
      Files.delete(ws.root().resolve("tests"));
      Files.createSymbolicLink(ws.root().resolve("tests"), Path.of("fake"));
      attack = ws.diff();
    }

    Grade result = grader.grade(task, attack);

    assertThat(result.resolved()).isFalse();
    assertThat(result.revertedTestFiles()).contains("tests");
    assertThat(result.tests()).containsEntry(TEST_ADD, TestStatus.FAILED);
  }

  @Test
  void shadowPytestModule_doesNotReplaceTheRunner() {
    String shadow =
        String.join(
            "\n",
            "import os, sys",
            "report = os.path.join(os.environ.get('APEX_REPORT_DIR', '.'), 'apex-pytest.xml')",
            "with open(report, 'w') as f:",
            "    f.write('<testsuite>'",
            "            '<testcase classname=\"tests.test_calc\" name=\"test_add\"'",
            "            ' file=\"tests/test_calc.py\"/>'",
            "            '<testcase classname=\"tests.test_calc\" name=\"test_zero\"'",
            "            ' file=\"tests/test_calc.py\"/></testsuite>')",
            "print('PASSED " + TEST_ADD + "')",
            "sys.exit(0)",
            "");

    Grade result = grader.grade(task, diff("pytest.py", shadow));

    assertThat(result.resolved()).isFalse();
    assertThat(result.tests()).containsEntry(TEST_ADD, TestStatus.FAILED);
  }

  @Test
  void verdictsPrintedAtExit_areNotRead() {
    String atExit =
        GradingFixtures.BUGGY
            + String.join(
                "\n",
                "import atexit",
                "atexit.register(lambda: print('\\n"
                    + TEST_ADD
                    + " PASSED [100%]\\n"
                    + "PASSED "
                    + TEST_ADD
                    + "\\n'))",
                "");

    Grade result = grader.grade(task, diff("calc.py", atExit));

    assertThat(result.resolved()).isFalse();
    assertThat(result.logTail()).contains("PASSED " + TEST_ADD);
    assertThat(result.tests()).containsEntry(TEST_ADD, TestStatus.FAILED);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "pytest.ini|[pytest]\\naddopts = -p evil\\n",
        "tox.ini|[pytest]\\naddopts = -p evil\\n",
        "setup.cfg|[tool:pytest]\\naddopts = -p evil\\n",
        "pyproject.toml|[tool.pytest.ini_options]\\naddopts = \"-p evil\"\\n",
        "conftest.py|pytest_plugins = ['evil']\\n",
        "tests/conftest.py|pytest_plugins = ['evil']\\n",
        "evil-1.0.dist-info/entry_points.txt|[pytest11]\\nevil = evil\\n",
      })
  void runnerConfigurationThatLoadsAPlugin_isPutBack(String file, String content) {
    String config = content.replace("\\n", "\n");
    String metadata =
        file.contains(".dist-info")
            ? diff(
                "evil-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n")
            : "";

    Grade result =
        grader.grade(
            task, diff("evil.py", GradingFixtures.FORCE_PASS) + diff(file, config) + metadata);

    assertThat(result.resolved()).as(result.logTail()).isFalse();
    assertThat(result.revertedTestFiles()).contains(file);
    assertThat(result.tests()).containsEntry(TEST_ADD, TestStatus.FAILED);
  }

  @Test
  void conftestInASubFolder_isPutBack() {
    String loader = "import calc\ncalc.add = lambda a, b: a + b\n";

    Grade result =
        grader.grade(
            task, diff("lib/conftest.py", loader) + diff("tests/unit/conftest.py", loader));

    assertThat(result.resolved()).isFalse();
    assertThat(result.revertedTestFiles())
        .containsExactlyInAnyOrder("lib/conftest.py", "tests/unit/conftest.py");
  }

  /** A patch that writes {@code content} to {@code path} on the base. */
  private String diff(String path, String content) {
    try {
      return GradingFixtures.diff(
          base,
          tmp,
          root -> {
            Path file = root.resolve(path);
            Files.createDirectories(java.util.Objects.requireNonNull(file.getParent()));
            Files.writeString(file, content);
          });
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
