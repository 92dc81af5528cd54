package dev.apex.activities.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JunitXmlTest {

  private static final String REPORT =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuite name="JUnit Jupiter" tests="6" failures="1" errors="1">
      <testcase name="addsTwo()" classname="com.ex.CalcTest" time="0.017"/>
      <testcase name="param(int)[1]" classname="com.ex.CalcTest"><system-out>x</system-out></testcase>
      <testcase name="param(int)[2]" classname="com.ex.CalcTest">
        <failure message="expected: &lt;4&gt;" type="AssertionFailedError">trace</failure>
      </testcase>
      <testcase name="crashes()" classname="com.ex.CalcTest"><error message="NPE"/></testcase>
      <testcase name="later()" classname="com.ex.CalcTest"><skipped/></testcase>
      <testcase name="deep()" classname="com.ex.CalcTest$Inner"/>
      <testcase name="größe()" classname="com.ex.ÜberTest"/>
      </testsuite>
      """;

  @Test
  void parse_namesTestsClassDotMethod() {
    Map<String, TestStatus> statuses = JunitXml.parse(Map.of("TEST-junit-jupiter.xml", REPORT));

    assertThat(statuses)
        .containsOnly(
            entry("com.ex.CalcTest.addsTwo", TestStatus.PASSED),
            entry("com.ex.CalcTest.param(int)[1]", TestStatus.PASSED),
            entry("com.ex.CalcTest.param(int)[2]", TestStatus.FAILED),
            entry("com.ex.CalcTest.crashes", TestStatus.ERROR),
            entry("com.ex.CalcTest.later", TestStatus.SKIPPED),
            entry("com.ex.CalcTest$Inner.deep", TestStatus.PASSED),
            entry("com.ex.ÜberTest.größe", TestStatus.PASSED));
  }

  @Test
  void sameTestInTwoReports_keepsTheWorseResult() {
    String passed = "<testsuite><testcase name=\"a()\" classname=\"A\"/></testsuite>";
    String failed =
        "<testsuite><testcase name=\"a()\" classname=\"A\"><failure/></testcase></testsuite>";

    assertThat(JunitXml.parse(Map.of("1.xml", passed, "2.xml", failed)))
        .containsExactly(entry("A.a", TestStatus.FAILED));
  }

  @Test
  void doctypesAndBrokenFiles_areIgnored() {
    String entity =
        """
        <?xml version="1.0"?>
        <!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <testsuite><testcase name="&x;" classname="A"/></testsuite>
        """;

    assertThat(
            JunitXml.parse(
                Map.of("evil.xml", entity, "cut.xml", "<testsuite><testcase", "notes.txt", "x")))
        .isEmpty();
  }

  @Test
  void pytestExpectedFailure_isXfailAndOtherSkipsAreSkipped() {
    String report =
        "<testsuite><testcase name=\"a\" classname=\"t\"><skipped type=\"pytest.xfail\"/>"
            + "</testcase><testcase name=\"b\" classname=\"t\"><skipped type=\"pytest.skip\"/>"
            + "</testcase></testsuite>";

    assertThat(JunitXml.parse(Map.of("r.xml", report)))
        .containsOnly(entry("t.a", TestStatus.XFAIL), entry("t.b", TestStatus.SKIPPED));
  }
}
