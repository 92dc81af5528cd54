package dev.apex.activities.grading;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the JUnit XML report pytest writes with {@code --junitxml} (family xunit1, so each case
 * names its file) and names its tests by pytest node id, e.g. {@code
 * tests/test_router.py::TestMount::test_index[/api/]}. Grading reads pytest's results from this
 * file, never from the console, where the code under test can print anything.
 */
public final class PytestReport {

  /** The report's name in {@code $APEX_REPORT_DIR}. */
  public static final String FILE = "apex-pytest.xml";

  private PytestReport() {}

  /**
   * Node id to status. A case whose file and class name agree gets its node id back; {@code
   * expected} node ids are matched by the name pytest gives them in the report, so a test defined
   * in another file (an inherited method) is still found; anything else keeps its JUnit id.
   */
  public static Map<String, TestStatus> parse(
      @Nullable String report, Collection<String> expected) {
    Map<String, String> byJunitId = new LinkedHashMap<>();
    for (String nodeId : expected) {
      byJunitId.put(junitId(nodeId), nodeId);
    }
    Map<String, TestStatus> statuses = new LinkedHashMap<>();
    if (report == null) {
      return statuses;
    }
    for (JunitXml.Case c : JunitXml.cases(report)) {
      String junitId = JunitXml.testId(c.className(), c.name());
      String nodeId = byJunitId.get(junitId);
      if (nodeId == null) {
        nodeId = nodeId(c);
      }
      statuses.merge(nodeId == null ? junitId : nodeId, c.status(), TestStatus::worst);
    }
    return statuses;
  }

  /**
   * The {@code classname.name} pytest writes for a node id: the file path dotted and without {@code
   * .py}, then the classes, then the name with its parameters (as pytest's {@code
   * mangle_test_address} does).
   */
  static String junitId(String nodeId) {
    int bracket = nodeId.indexOf('[');
    String path = bracket < 0 ? nodeId : nodeId.substring(0, bracket);
    String params = bracket < 0 ? "" : nodeId.substring(bracket);
    String[] names = path.split("::", -1);
    names[0] = dotted(names[0]);
    names[names.length - 1] += params;
    String className = String.join(".", Arrays.asList(names).subList(0, names.length - 1));
    return JunitXml.testId(className, names[names.length - 1]);
  }

  private static @Nullable String nodeId(JunitXml.Case c) {
    if (c.file().isEmpty()) {
      return null;
    }
    String module = dotted(c.file());
    String classes;
    if (c.className().equals(module)) {
      classes = "";
    } else if (c.className().startsWith(module + ".")) {
      classes = "::" + c.className().substring(module.length() + 1).replace(".", "::");
    } else {
      return null;
    }
    return c.file() + classes + "::" + c.name();
  }

  private static String dotted(String file) {
    String dotted = file.replace('/', '.');
    return dotted.endsWith(".py") ? dotted.substring(0, dotted.length() - 3) : dotted;
  }
}
