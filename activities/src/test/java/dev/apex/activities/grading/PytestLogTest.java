package dev.apex.activities.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PytestLogTest {

  private static final String SUMMARY =
      """
      ============================= test session starts ==============================
      tests/test_w.py ..F                                                      [100%]
      =========================== short test summary info ============================
      PASSED tests/test_w.py::test_ok
      PASSED tests/test_w.py::test_param[a b]
      PASSED tests/test_w.py::test_param[x - y]
      PASSED tests/test_w.py::test_param[[]
      PASSED tests/test w.py::test_café
      XFAIL tests/test_w.py::test_xf - reason: flaky
      SKIPPED [1] tests/test_w.py:12: no network
      FAILED tests/test_w.py::test_param[\\xe9] - AssertionError: assert 'é' != 'é'
      FAILED tests/test_w.py::test_param[p - q] - AssertionError: boom - [1]
      FAILED tests/test_w.py::test_fail - AssertionError: boom - [1]
      ERROR tests/test_w.py::test_fixture - fixture 'db' not found
      ERROR tests/test_broken.py - ImportError: no module
      ==================== 3 failed, 5 passed, 1 xfailed in 2.73s ====================
      """;

  @Test
  void summary_readsIdsWithBracketsSpacesAndNonAscii() {
    Map<String, TestStatus> statuses = PytestLog.parse(SUMMARY);

    assertThat(statuses)
        .containsOnly(
            entry("tests/test_w.py::test_ok", TestStatus.PASSED),
            entry("tests/test_w.py::test_param[a b]", TestStatus.PASSED),
            entry("tests/test_w.py::test_param[x - y]", TestStatus.PASSED),
            entry("tests/test_w.py::test_param[[]", TestStatus.PASSED),
            entry("tests/test w.py::test_café", TestStatus.PASSED),
            entry("tests/test_w.py::test_xf", TestStatus.XFAIL),
            entry("tests/test_w.py::test_param[\\xe9]", TestStatus.FAILED),
            entry("tests/test_w.py::test_param[p - q]", TestStatus.FAILED),
            entry("tests/test_w.py::test_fail", TestStatus.FAILED),
            entry("tests/test_w.py::test_fixture", TestStatus.ERROR));
  }

  @Test
  void progressLines_countWhenTheSummaryIsMissing() {
    String interrupted =
        """
        tests/test_w.py::test_ok PASSED                                          [ 33%]
        tests/test_w.py::test_param[a b] FAILED                                  [ 66%]
        \u001B[32mtests/test_w.py::test_ünï PASSED\u001B[0m
        tests/test_w.py::test_hang
        !!!!!!!!!!!!!!!!!!!!!!!!!!!!!! KeyboardInterrupt !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
        """;

    assertThat(PytestLog.parse(interrupted))
        .containsOnly(
            entry("tests/test_w.py::test_ok", TestStatus.PASSED),
            entry("tests/test_w.py::test_param[a b]", TestStatus.FAILED),
            entry("tests/test_w.py::test_ünï", TestStatus.PASSED));
  }

  @Test
  void summaryLine_winsOverProgressLine() {
    String both =
        """
        tests/t.py::test_a PASSED [100%]
        FAILED tests/t.py::test_a - teardown failed
        """;

    assertThat(PytestLog.parse(both))
        .containsExactly(entry("tests/t.py::test_a", TestStatus.FAILED));
  }

  @Test
  void passed_countsXfailButNotSkippedOrXpass() {
    assertThat(TestStatus.PASSED.passed()).isTrue();
    assertThat(TestStatus.XFAIL.passed()).isTrue();
    assertThat(TestStatus.SKIPPED.passed()).isFalse();
    assertThat(TestStatus.XPASS.passed()).isFalse();
    assertThat(TestStatus.MISSING.passed()).isFalse();
  }

  @Test
  void verdictsPrintedAfterTheSummary_cannotTurnAFailureIntoAPass() {
    String faked =
        SUMMARY
            + "PASSED tests/test_w.py::test_fail\n"
            + "tests/test_w.py::test_fail PASSED\n"
            + "tests/test_w.py::test_fixture PASSED [100%]\n";

    assertThat(PytestLog.parse(faked))
        .containsEntry("tests/test_w.py::test_fail", TestStatus.FAILED)
        .containsEntry("tests/test_w.py::test_fixture", TestStatus.ERROR);
  }
}
