package dev.apex.activities.grading;

import dev.apex.activities.sandbox.SandboxResult;
import dev.apex.activities.tasks.LogParser;
import dev.apex.activities.tasks.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How grading runs each kind of test runner so that the code under test can neither stand in for
 * the runner, configure it, nor print its verdicts: what runs before the test command, which
 * configuration files go back to the base, and where the results are read.
 */
public enum RunnerGuard {

  /**
   * pytest: started in Python's safe-path mode with an APEX {@code sitecustomize} that imports
   * pytest from the interpreter's own paths before the working copy goes back on {@code sys.path}
   * (a {@code pytest.py} in the copy cannot replace the runner); results from the JUnit XML report
   * pytest writes into {@code $APEX_REPORT_DIR}; every pytest configuration file and every package
   * metadata directory ({@code *.dist-info}, {@code *.egg-info}, whose entry points pytest loads as
   * plugins) restored.
   */
  PYTEST {
    @Override
    public String command(String testCmd) {
      return PYTEST_PRELUDE + testCmd;
    }

    @Override
    boolean isConfig(String path) {
      if (PYTEST_CONFIG.contains(fileName(path))) {
        return true;
      }
      for (String part : path.split("/", -1)) {
        if (part.endsWith(".dist-info") || part.endsWith(".egg-info")) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Map<String, TestStatus> statuses(SandboxResult result, Task task) {
      List<String> expected = new ArrayList<>(task.failToPass());
      expected.addAll(task.passToPass());
      return PytestReport.parse(result.reports().get(PytestReport.FILE), expected);
    }
  },

  /**
   * JUnit: the console launcher is APEX's own jar, so only its configuration ({@code
   * junit-platform.properties}, service files under {@code META-INF/services/org.junit.*}) is
   * restored; results from the XML reports in {@code $APEX_REPORT_DIR}.
   */
  JUNIT {
    @Override
    public String command(String testCmd) {
      return testCmd;
    }

    @Override
    boolean isConfig(String path) {
      return fileName(path).equals("junit-platform.properties")
          || ("/" + path).contains("/META-INF/services/org.junit.");
    }

    @Override
    public Map<String, TestStatus> statuses(SandboxResult result, Task task) {
      return JunitXml.parse(result.reports());
    }
  };

  /** Files, by name at any depth, that configure pytest or decide what it loads first. */
  private static final Set<String> PYTEST_CONFIG =
      Set.of(
          "conftest.py",
          "pytest.ini",
          ".pytest.ini",
          "pytest.toml",
          ".pytest.toml",
          "tox.ini",
          "setup.cfg",
          "pyproject.toml");

  /**
   * Shell lines run before a pytest command. {@code PYTHONSAFEPATH=1} (Python 3.11+) keeps the
   * working copy off {@code sys.path} while the interpreter starts; the sitecustomize then imports
   * pytest (for {@code python -m ...}) and puts back the entry Python would have put first, so
   * imports from the working copy behave as before. The report path goes through {@code
   * PYTEST_ADDOPTS}, which pytest reads after the configuration files' {@code addopts}.
   */
  static final String PYTEST_PRELUDE =
      """
      export PYTHONSAFEPATH=1 PYTHONPATH="$HOME/.apex-python${PYTHONPATH:+:$PYTHONPATH}" \\
        PYTEST_ADDOPTS="-o junit_family=xunit1 '--junitxml=$APEX_REPORT_DIR/apex-pytest.xml'"
      mkdir -p "$HOME/.apex-python" && cat > "$HOME/.apex-python/sitecustomize.py" <<'APEX_SITE'
      # Written by APEX grading: see RunnerGuard.PYTEST.
      import os
      import sys


      def _apex_first_path():
          first = sys.argv[0] if sys.argv else ""
          if first in ("", "-", "-c", "-m"):
              return os.getcwd()
          return os.path.dirname(os.path.realpath(first))


      if getattr(sys.flags, "safe_path", False):
          if sys.argv and sys.argv[0] == "-m":
              try:
                  import pytest  # noqa: F401
              except Exception:
                  pass
          sys.path.insert(0, _apex_first_path())
      APEX_SITE
      """;

  public static RunnerGuard of(LogParser parser) {
    return switch (parser) {
      case PYTEST -> PYTEST;
      case JUNIT -> JUNIT;
    };
  }

  /** The shell command the sandbox runs for the task's {@code testCmd}. */
  public abstract String command(String testCmd);

  /** True for a path (relative, '/'-separated) that configures this runner. */
  abstract boolean isConfig(String path);

  /** Test id to status, read from the runner's report of a run of {@code task}'s tests. */
  public abstract Map<String, TestStatus> statuses(SandboxResult result, Task task);

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
