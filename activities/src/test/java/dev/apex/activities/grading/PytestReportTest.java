package dev.apex.activities.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.junit.jupiter.api.Test;

class PytestReportTest {

  /** What pytest 7 writes with {@code -o junit_family=xunit1}, trimmed. */
  private static final String REPORT =
      """
      <?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="1"
        failures="1" skipped="2" tests="7">
      <testcase classname="tests.test_router" name="test_mount[/api/]" file="tests/test_router.py" line="3"/>
      <testcase classname="tests.test_router.TestMatch" name="test_exact" file="tests/test_router.py" line="9">
        <failure message="assert 1 == 2">AssertionError</failure></testcase>
      <testcase classname="tests.test_router" name="test_xf" file="tests/test_router.py" line="20">
        <skipped type="pytest.xfail" message="flaky"/></testcase>
      <testcase classname="tests.test_router" name="test_skip" file="tests/test_router.py" line="24">
        <skipped type="pytest.skip" message="no network">tests/test_router.py:24: no network</skipped></testcase>
      <testcase classname="tests.test_router" name="test_teardown" file="tests/test_router.py" line="30"/>
      <testcase classname="tests.test_router" name="test_teardown" file="tests/test_router.py" line="30">
        <error message="failed on teardown">boom</error></testcase>
      <testcase classname="tests.test_child.TestChild" name="test_inherited" file="tests/base.py" line="4"/>
      </testsuite></testsuites>
      """;

  @Test
  void parse_namesCasesByNodeIdWithTheirStatus() {
    assertThat(PytestReport.parse(REPORT, List.of()))
        .containsOnly(
            entry("tests/test_router.py::test_mount[/api/]", TestStatus.PASSED),
            entry("tests/test_router.py::TestMatch::test_exact", TestStatus.FAILED),
            entry("tests/test_router.py::test_xf", TestStatus.XFAIL),
            entry("tests/test_router.py::test_skip", TestStatus.SKIPPED),
            entry("tests/test_router.py::test_teardown", TestStatus.ERROR),
            entry("tests.test_child.TestChild.test_inherited", TestStatus.PASSED));
  }

  @Test
  void expectedIds_areFoundEvenWhenTheCaseNamesAnotherFile() {
    assertThat(
            PytestReport.parse(REPORT, List.of("tests/test_child.py::TestChild::test_inherited")))
        .containsEntry("tests/test_child.py::TestChild::test_inherited", TestStatus.PASSED);
  }

  @Test
  void junitId_manglesAsPytestDoes() {
    assertThat(PytestReport.junitId("tests/test_a.py::test_x")).isEqualTo("tests.test_a.test_x");
    assertThat(PytestReport.junitId("tests/test_a.py::TestC::test_x[a::b/c.py]"))
        .isEqualTo("tests.test_a.TestC.test_x[a::b/c.py]");
  }

  @Test
  void noReport_meansNoResults() {
    assertThat(PytestReport.parse(null, List.of("tests/test_a.py::test_x"))).isEmpty();
    assertThat(PytestReport.parse("PASSED tests/test_a.py::test_x", List.of())).isEmpty();
  }
}
