package dev.apex.activities.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskLoaderTest {

  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void setUp() throws IOException {
    Files.createDirectories(dir.resolve("repos/a"));
    Files.createDirectories(dir.resolve("repos/b"));
    file = dir.resolve("tasks.jsonl");
  }

  private static String line(String id, Consumer<ObjectNode> edit) {
    ObjectNode node = TaskLoader.JSON.createObjectNode();
    node.put("instance_id", id);
    node.put("problem_statement", "It breaks.");
    node.put("patch", "diff --git a/x b/x\n");
    node.put("test_patch", "diff --git a/t b/t\n");
    node.putArray("FAIL_TO_PASS").add("tests/test_x.py::test_a");
    node.put("PASS_TO_PASS", "[\"tests/test_x.py::test_b\"]");
    node.put("repo_path", "repos/a");
    node.put("test_cmd", "python3 -m pytest -rA");
    node.put("log_parser", "pytest");
    edit.accept(node);
    return node.toString();
  }

  private TaskSet load(String... lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n");
    return TaskLoader.load(file);
  }

  @Test
  void load_readsFieldsInFileOrder() throws IOException {
    TaskSet set =
        load(
            line("b", n -> n.put("repo_path", "repos/b").put("timeout_s", 30)),
            "",
            line("a", n -> n.put("hints_text", "see #3").put("created_at", "2024").put("x", 1)));

    assertThat(set.tasks()).extracting(Task::instanceId).containsExactly("b", "a");
    Task a = set.get("a");
    assertThat(a.failToPass()).containsExactly("tests/test_x.py::test_a");
    assertThat(a.passToPass()).containsExactly("tests/test_x.py::test_b");
    assertThat(a.repoPath()).isEqualTo(dir.resolve("repos/a").toAbsolutePath());
    assertThat(a.logParser()).isEqualTo(LogParser.PYTEST);
    assertThat(a.hints()).isEqualTo("see #3");
    assertThat(a.timeout()).isNull();
    assertThat(set.get("b").timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(set.find("c")).isEmpty();
    assertThat(set.source()).isEqualTo(file.toAbsolutePath());
  }

  @Test
  void malformedJson_namesTheLine() {
    assertThatThrownBy(() -> load(line("a", n -> {}), "{\"instance_id\": "))
        .isInstanceOf(TaskFileException.class)
        .hasMessageStartingWith(file.toAbsolutePath() + ":2: malformed JSON")
        .extracting(e -> ((TaskFileException) e).line())
        .isEqualTo(2);
  }

  @Test
  void missingField_namesTheField() {
    assertThatThrownBy(() -> load(line("a", n -> n.remove("test_patch"))))
        .isInstanceOf(TaskFileException.class)
        .hasMessageEndingWith(":1: test_patch: missing");
  }

  @Test
  void missingRepository_namesTheResolvedPath() {
    assertThatThrownBy(() -> load(line("a", n -> {}), line("b", n -> n.put("repo_path", "no"))))
        .isInstanceOf(TaskFileException.class)
        .hasMessageContaining(":2: repo_path: directory does not exist: " + dir.resolve("no"));
  }

  @Test
  void duplicateId_namesBothLines() {
    assertThatThrownBy(() -> load(line("a", n -> {}), line("b", n -> {}), line("a", n -> {})))
        .isInstanceOf(TaskFileException.class)
        .hasMessageEndingWith(":3: instance_id: duplicate 'a' (first on line 1)");
  }

  @Test
  void unknownLogParser_isRejected() {
    assertThatThrownBy(() -> load(line("a", n -> n.put("log_parser", "nose"))))
        .isInstanceOf(TaskFileException.class)
        .hasMessageEndingWith(":1: log_parser: unknown 'nose' (pytest or junit)");
  }

  @Test
  void testListThatIsNoArray_isRejected() {
    assertThatThrownBy(() -> load(line("a", n -> n.put("FAIL_TO_PASS", "tests/x.py::t"))))
        .isInstanceOf(TaskFileException.class)
        .hasMessageContaining(":1: FAIL_TO_PASS: string is not a JSON array");
    assertThatThrownBy(() -> load(line("a", n -> n.putArray("PASS_TO_PASS").add(3))))
        .hasMessageContaining(":1: PASS_TO_PASS: not an array of test ids");
  }

  @Test
  void missingFile_isATaskFileError() {
    assertThatThrownBy(() -> TaskLoader.load(dir.resolve("absent.jsonl")))
        .isInstanceOf(TaskFileException.class)
        .hasMessageContaining("cannot read");
  }

  @Test
  void emptyTestLists_areAllowed() throws IOException {
    TaskSet set =
        load(line("a", n -> n.put("FAIL_TO_PASS", "[]").set("PASS_TO_PASS", n.arrayNode())));

    assertThat(set.get("a").failToPass()).isEqualTo(List.of());
    assertThat(set.get("a").passToPass()).isEmpty();
  }
}
