package dev.apex.activities.grading;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads JUnit XML reports (the legacy format the JUnit console launcher writes). A test's id is
 * {@code <classname>.<name>} with a trailing {@code "()"} dropped: {@code com.x.FooTest.adds},
 * {@code com.x.FooTest$Inner.deep}, {@code com.x.FooTest.sum(int)[1]} for a parameterized call.
 */
public final class JunitXml {

  private JunitXml() {}

  /** One {@code <testcase>}: its class name, name, file (pytest's xunit1 family) and status. */
  record Case(String className, String name, String file, TestStatus status) {}

  /** Test id to status over all reports; unreadable reports are skipped. */
  public static Map<String, TestStatus> parse(Map<String, String> reports) {
    Map<String, TestStatus> statuses = new LinkedHashMap<>();
    for (Map.Entry<String, String> report : reports.entrySet()) {
      if (!report.getKey().endsWith(".xml")) {
        continue;
      }
      for (Case c : cases(report.getValue())) {
        statuses.merge(testId(c.className(), c.name()), c.status(), TestStatus::worst);
      }
    }
    return statuses;
  }

  /** The test cases of one report, in order; none when it cannot be read. */
  static List<Case> cases(String report) {
    NodeList nodes;
    try {
      nodes =
          builder()
              .parse(new InputSource(new StringReader(report)))
              .getElementsByTagName("testcase");
    } catch (SAXException | IOException e) {
      return List.of();
    }
    List<Case> cases = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element testcase = (Element) nodes.item(i);
      cases.add(
          new Case(
              testcase.getAttribute("classname"),
              testcase.getAttribute("name"),
              testcase.getAttribute("file"),
              status(testcase)));
    }
    return cases;
  }

  static String testId(String className, String name) {
    String method = name.endsWith("()") ? name.substring(0, name.length() - 2) : name;
    return className.isEmpty() ? method : className + "." + method;
  }

  /** The first outcome element decides; pytest marks an expected failure as a typed skip. */
  private static TestStatus status(Element testcase) {
    for (Node child = testcase.getFirstChild(); child != null; child = child.getNextSibling()) {
      switch (child.getNodeName()) {
        case "failure" -> {
          return TestStatus.FAILED;
        }
        case "error" -> {
          return TestStatus.ERROR;
        }
        case "skipped" -> {
          boolean xfail = "pytest.xfail".equals(((Element) child).getAttribute("type"));
          return xfail ? TestStatus.XFAIL : TestStatus.SKIPPED;
        }
        default -> {}
      }
    }
    return TestStatus.PASSED;
  }

  /** Reports are written by untrusted code: no DTDs, no external entities. */
  private static DocumentBuilder builder() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setExpandEntityReferences(false);
      return factory.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  }
}
