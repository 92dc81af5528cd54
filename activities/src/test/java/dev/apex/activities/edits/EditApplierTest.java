package dev.apex.activities.edits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditApplierTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WRITE = "<whole file>";

  @TempDir Path tmp;
  private Path root;
  private EditApplier applier;

  @BeforeEach
  void setUp() throws IOException {
    root = tmp.resolve("repo");
    Files.createDirectories(root.resolve("src"));
    Files.createDirectories(root.resolve("tests"));
    Files.writeString(
        root.resolve("src/app.py"), "def f(x):\n    return x - 1\n\n\nX = 1\nY = 1\n");
    Files.writeString(root.resolve("tests/test_app.py"), "def test_f():\n    pass\n");
    applier = new EditApplier(root, path -> path.startsWith("tests/"));
  }

  private static String request(String... pathAndFields) {
    ObjectNode request = JSON.createObjectNode();
    ArrayNode edits = request.putArray("edits");
    for (int i = 0; i < pathAndFields.length; i += 3) {
      ObjectNode edit = edits.addObject().put("path", pathAndFields[i]);
      if (pathAndFields[i + 1].equals(WRITE)) {
        edit.put("content", pathAndFields[i + 2]);
      } else {
        edit.put("search", pathAndFields[i + 1]).put("replace", pathAndFields[i + 2]);
      }
    }
    return request.toString();
  }

  @Test
  void searchReplaceAndWrite_applyInOrder() throws IOException {
    EditReport report =
        applier.apply(
            request(
                "src/app.py",
                "return x - 1",
                "return x + 1",
                "src/new/util.py",
                WRITE,
                "def g():\n    return 2\n",
                "src/new/util.py",
                "return 2",
                "return 3"));

    assertThat(report.allApplied()).as(report.summary()).isTrue();
    assertThat(report.changedPaths()).containsExactly("src/app.py", "src/new/util.py");
    assertThat(root.resolve("src/app.py")).content().contains("return x + 1");
    assertThat(root.resolve("src/new/util.py")).hasContent("def g():\n    return 3");
    assertThat(report.summary()).contains("edit 2 ok: created src/new/util.py (2 lines)");
  }

  @Test
  void searchProblems_areReportedPerEditAndTheRestStillApplies() throws IOException {
    EditReport report =
        applier.apply(
            request(
                "src/app.py",
                "= 1\n",
                "= 2\n",
                "src/app.py",
                "return  x - 1",
                "return x",
                "src/missing.py",
                "a",
                "b",
                "src/app.py",
                "",
                "x",
                "src/app.py",
                "X = 1",
                "X = 5"));

    assertThat(report.outcomes())
        .extracting(EditOutcome::applied)
        .containsExactly(false, false, false, false, true);
    List<String> messages = report.outcomes().stream().map(EditOutcome::message).toList();
    assertThat(messages.get(0)).contains("found 2 times in src/app.py");
    assertThat(messages.get(1)).contains("not found").contains("different whitespace");
    assertThat(messages.get(2)).contains("file not found: src/missing.py");
    assertThat(messages.get(3)).contains("search text is empty");
    assertThat(root.resolve("src/app.py")).content().contains("X = 5\nY = 1");
  }

  @Test
  void pathsOutsideTheWorkspaceOrOnTests_areRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("link"), tmp);
    EditReport report =
        applier.apply(
            request(
                "../escape.py",
                WRITE,
                "x",
                "/etc/passwd",
                WRITE,
                "x",
                "src/../../escape.py",
                WRITE,
                "x",
                ".git/config",
                WRITE,
                "x",
                "link/escape.py",
                WRITE,
                "x",
                "tests/test_app.py",
                "pass",
                "assert True",
                "",
                WRITE,
                "x"));

    assertThat(report.outcomes()).noneMatch(EditOutcome::applied);
    assertThat(report.summary())
        .contains("escapes the workspace")
        .contains("must be relative")
        .contains("touches .git/config")
        .contains("symbolic link")
        .contains("tests/test_app.py is protected")
        .contains("path is empty");
    assertThat(tmp.resolve("escape.py")).doesNotExist();
    assertThat(root.resolve("tests/test_app.py")).content().contains("pass");
  }

  @Test
  void malformedRequests_areErrorValues() {
    assertThat(applier.apply("{\"edits\": [").summary()).contains("not valid JSON");
    assertThat(applier.apply("[]").summary()).contains("expected {\"edits\": [...]}");
    assertThat(applier.apply("{\"edits\": []}").allApplied()).isFalse();
    assertThat(applier.apply("").summary()).contains("expected");
    EditReport mixed =
        applier.apply(
            "{\"edits\":[{\"path\":\"src/app.py\",\"search\":\"x\"},"
                + "{\"path\":\"a.py\",\"content\":\"1\",\"search\":\"x\",\"replace\":\"y\"},"
                + "{\"path\":3,\"content\":\"1\"}, 7]}");
    assertThat(mixed.outcomes()).hasSize(4).noneMatch(EditOutcome::applied);
    assertThat(mixed.outcomes().get(0).path()).isEqualTo("src/app.py");
    assertThat(mixed.summary()).contains("needs \"path\" and either");
  }

  @Test
  void anythingNamedGitInAnyCaseOrFolder_isRefused() {
    EditReport report =
        applier.apply(
            request(
                ".GIT/config",
                WRITE,
                "[core]",
                "sub/.git/hooks/post-checkout",
                WRITE,
                "x",
                "src/.git",
                WRITE,
                "gitdir: /etc",
                ".gitattributes",
                WRITE,
                "* text"));

    assertThat(report.outcomes())
        .extracting(EditOutcome::applied)
        .containsExactly(false, false, false, true);
    assertThat(report.outcomes().get(0).message()).contains("touches .GIT/config");
    assertThat(report.outcomes().get(1).message()).contains("touches sub/.git/hooks/post-checkout");
    assertThat(root.resolve(".GIT")).doesNotExist();
    assertThat(root.resolve("sub")).doesNotExist();
    assertThat(root.resolve("src/.git")).doesNotExist();
  }

  @Test
  void schema_isValidJsonNamingBothShapes() throws IOException {
    var schema = JSON.readTree(EditSchema.JSON);

    assertThat(schema.at("/properties/edits/items/anyOf")).hasSize(2);
    assertThat(schema.at("/required/0").asText()).isEqualTo("edits");
  }
}
