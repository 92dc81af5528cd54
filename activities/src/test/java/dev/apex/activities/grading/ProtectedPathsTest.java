package dev.apex.activities.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.activities.tasks.LogParser;
import dev.apex.activities.tasks.Task;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtectedPathsTest {

  private static final String TEST_PATCH =
      """
      --- a/pkg/tests/unit/test_a.py
      +++ b/pkg/tests/unit/test_a.py
      @@ -1 +1 @@
      -a
      +b
      --- /dev/null
      +++ b/lib/helpers_test.py
      @@ -0,0 +1 @@
      +x
      """;

  private static Task task(String testPatch, String testCmd) {
    return task(testPatch, testCmd, LogParser.PYTEST);
  }

  private static Task task(String testPatch, String testCmd, LogParser parser) {
    return new Task(
        "t",
        "",
        "",
        "",
        testPatch,
        List.of(),
        List.of(),
        Path.of("/repo"),
        testCmd,
        parser,
        Duration.ofSeconds(5),
        List.of());
  }

  @Test
  void testPatchFilesTheirTestDirsConftestAndNamedFiles_areProtected() {
    ProtectedPaths guard =
        ProtectedPaths.forTask(
            task(TEST_PATCH, "sh ./run_tests.sh && python3 -m pytest -rA x.py::t"));

    assertThat(guard)
        .accepts(
            "pkg/tests/unit/test_a.py",
            "pkg/tests/other.py",
            "lib/helpers_test.py",
            "conftest.py",
            "src/deep/conftest.py",
            "pytest.ini",
            "run_tests.sh",
            "./run_tests.sh",
            "x.py")
        .rejects("pkg/app.py", "lib/helpers.py", "tests/test_b.py", "src/run_tests.sh.bak");
  }

  @Test
  void javaTestTree_isProtectedWhole() {
    String testPatch =
        """
        --- /dev/null
        +++ b/test/com/ex/FooTest.java
        @@ -0,0 +1 @@
        +x
        """;
    ProtectedPaths guard = ProtectedPaths.forTask(task(testPatch, "sh run_tests.sh"));

    assertThat(guard)
        .accepts("test/com/ex/FooTest.java", "test/com/ex/Helper.java", "run_tests.sh")
        .rejects("src/com/ex/Foo.java");
  }

  @Test
  void protectedEntriesThemselvesAndTheDirectoriesAboveThem_areProtected() {
    ProtectedPaths guard = ProtectedPaths.forTask(task(TEST_PATCH, "sh scripts/run_tests.sh"));

    assertThat(guard)
        .accepts("pkg/tests", "pkg/tests/", "pkg", "lib", "scripts", "scripts/run_tests.sh")
        .rejects("pkg/app.py", "lib/helpers.py", "", "pk", "pkg/test");
  }

  @Test
  void pytestConfiguration_isProtectedAtAnyDepth() {
    ProtectedPaths guard = ProtectedPaths.forTask(task(TEST_PATCH, "python3 -m pytest"));

    assertThat(guard)
        .accepts(
            "pyproject.toml",
            "setup.cfg",
            "tox.ini",
            "pytest.ini",
            ".pytest.ini",
            "conftest.py",
            "src/pkg/conftest.py",
            "sub/pyproject.toml",
            "evil-1.0.dist-info/entry_points.txt",
            "src/evil.egg-info/entry_points.txt")
        .rejects("setup.py", "pytest.py", "src/config.py", "junit-platform.properties");
  }

  @Test
  void junitConfiguration_isProtectedForJunitTasks() {
    ProtectedPaths guard =
        ProtectedPaths.forTask(task(TEST_PATCH, "sh run_tests.sh", LogParser.JUNIT));

    assertThat(guard)
        .accepts(
            "junit-platform.properties",
            "src/main/resources/junit-platform.properties",
            "src/META-INF/services/org.junit.platform.launcher.TestExecutionListener")
        .rejects("pyproject.toml", "src/META-INF/services/com.example.Plugin");
  }
}
