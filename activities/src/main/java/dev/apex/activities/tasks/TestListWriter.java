package dev.apex.activities.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the FAIL_TO_PASS and PASS_TO_PASS fields of a task file in place, as JSON arrays,
 * keeping every other field and the line order.
 */
public final class TestListWriter {

  private TestListWriter() {}

  /**
   * Replaces the lists of the named tasks.
   *
   * @param jsonl the task file
   * @param lists new lists by instance id; tasks not named keep theirs
   */
  public static void rewrite(Path jsonl, Map<String, Task> lists) {
    try {
      List<String> out = new ArrayList<>();
      for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        ObjectNode node = (ObjectNode) TaskLoader.JSON.readTree(line);
        Task task = lists.get(node.path("instance_id").asText());
        if (task != null) {
          node.set("FAIL_TO_PASS", array(task.failToPass()));
          node.set("PASS_TO_PASS", array(task.passToPass()));
        }
        out.add(TaskLoader.JSON.writeValueAsString(node));
      }
      Path tmp = jsonl.resolveSibling(jsonl.getFileName() + ".tmp");
      Files.write(tmp, out, StandardCharsets.UTF_8);
      Files.move(tmp, jsonl, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (JsonProcessingException e) {
      throw new TaskFileException(jsonl, 0, null, "malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + jsonl, e);
    }
  }

  private static ArrayNode array(List<String> tests) {
    ArrayNode array = TaskLoader.JSON.createArrayNode();
    tests.forEach(array::add);
    return array;
  }
}
