package dev.apex.activities.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads a JSONL task file in SWE-bench's shape plus {@code repo_path}, {@code test_cmd} and {@code
 * log_parser}; {@code hints_text} and {@code timeout_s} are optional, other fields ignored.
 */
public final class TaskLoader {

  static final ObjectMapper JSON = new ObjectMapper();

  private TaskLoader() {}

  /**
   * Loads and validates every line.
   *
   * @throws TaskFileException naming the file, line and field of the first problem
   */
  public static TaskSet load(Path jsonl) {
    Path file = jsonl.toAbsolutePath().normalize();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new TaskFileException(file, 0, null, "cannot read: " + e);
    }
    List<Task> tasks = new ArrayList<>();
    Map<String, Integer> firstLine = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      Task task = new Line(file, i + 1, parse(file, i + 1, lines.get(i))).task();
      Integer previous = firstLine.putIfAbsent(task.instanceId(), i + 1);
      if (previous != null) {
        throw new TaskFileException(
            file,
            i + 1,
            "instance_id",
            "duplicate '" + task.instanceId() + "' (first on line " + previous + ")");
      }
      tasks.add(task);
    }
    return new TaskSet(file, tasks);
  }

  private static JsonNode parse(Path file, int line, String text) {
    try {
      JsonNode node = JSON.readTree(text);
      if (!node.isObject()) {
        throw new TaskFileException(file, line, null, "not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new TaskFileException(file, line, null, "malformed JSON: " + e.getOriginalMessage());
    }
  }

  /** One line's fields, read with errors that point at them. */
  private record Line(Path file, int number, JsonNode node) {

    Task task() {
      String id = text("instance_id");
      if (id.isBlank()) {
        throw error("instance_id", "is blank");
      }
      Path repo = Objects.requireNonNull(file.getParent()).resolve(text("repo_path")).normalize();
      if (!Files.isDirectory(repo)) {
        throw error("repo_path", "directory does not exist: " + repo);
      }
      String parserName = text("log_parser");
      LogParser parser =
          LogParser.fromWireName(parserName)
              .orElseThrow(
                  () -> error("log_parser", "unknown '" + parserName + "' (pytest or junit)"));
      String testCmd = text("test_cmd");
      if (testCmd.isBlank()) {
        throw error("test_cmd", "is blank");
      }
      return new Task(
          id,
          text("problem_statement"),
          optionalText("hints_text"),
          text("patch"),
          text("test_patch"),
          testList("FAIL_TO_PASS"),
          testList("PASS_TO_PASS"),
          repo,
          testCmd,
          parser,
          timeout(),
          testEnv());
    }

    private String text(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        throw error(field, "missing");
      }
      if (!value.isTextual()) {
        throw error(field, "not a string");
      }
      return value.textValue();
    }

    private String optionalText(String field) {
      JsonNode value = node.get(field);
      return value != null && value.isTextual() ? value.textValue() : "";
    }

    /** A JSON array of strings, or a string holding one (as SWE-bench stores them). */
    private List<String> testList(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        throw error(field, "missing");
      }
      if (value.isTextual()) {
        try {
          value = JSON.readTree(value.textValue());
        } catch (JsonProcessingException e) {
          throw error(field, "string is not a JSON array: " + e.getOriginalMessage());
        }
      }
      if (!value.isArray()) {
        throw error(field, "not an array of test ids");
      }
      List<String> tests = new ArrayList<>();
      for (JsonNode item : value) {
        if (!item.isTextual()) {
          throw error(field, "not an array of test ids: " + item);
        }
        tests.add(item.textValue());
      }
      return tests;
    }

    private @Nullable Duration timeout() {
      JsonNode value = node.get("timeout_s");
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.canConvertToInt() || value.intValue() < 1) {
        throw error("timeout_s", "not a positive number of seconds");
      }
      return Duration.ofSeconds(value.intValue());
    }

    /** Absolute paths, or the names of environments APEX provides; absent means none. */
    private List<String> testEnv() {
      JsonNode value = node.get("test_env");
      if (value == null || value.isNull()) {
        return List.of();
      }
      if (!value.isArray()) {
        throw error("test_env", "not an array of paths");
      }
      List<String> entries = new ArrayList<>();
      for (JsonNode item : value) {
        if (!item.isTextual()) {
          throw error("test_env", "not an array of paths: " + item);
        }
        try {
          TestEnv.check(item.textValue());
        } catch (IllegalArgumentException e) {
          throw error("test_env", String.valueOf(e.getMessage()));
        }
        entries.add(item.textValue());
      }
      return entries;
    }

    private TaskFileException error(String field, String problem) {
      return new TaskFileException(file, number, field, problem);
    }
  }
}
