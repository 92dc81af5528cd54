package dev.apex.activities.episode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Patches given in SWE-bench's predictions format: JSONL (or a JSON array) of objects with {@code
 * instance_id} and {@code model_patch}.
 */
public final class Predictions {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Predictions() {}

  /** Patches by instance id; fails without retry, naming the file and line, when malformed. */
  public static Map<String, String> load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "cannot read predictions file " + file + ": " + e.getMessage(), "BadPredictions");
    }
    Map<String, String> patches = new HashMap<>();
    String whole = String.join("\n", lines).strip();
    if (whole.startsWith("[")) {
      JsonNode array = parse(file, 1, whole);
      for (JsonNode item : array) {
        add(patches, file, 1, item);
      }
      return patches;
    }
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        add(patches, file, i + 1, parse(file, i + 1, lines.get(i)));
      }
    }
    return patches;
  }

  private static JsonNode parse(Path file, int line, String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          file + ":" + line + ": not JSON: " + e.getMessage(), "BadPredictions");
    }
  }

  private static void add(Map<String, String> patches, Path file, int line, JsonNode item) {
    JsonNode id = item.get("instance_id");
    if (id == null || !id.isTextual()) {
      throw ApplicationFailure.newNonRetryableFailure(
          file + ":" + line + ": instance_id is missing", "BadPredictions");
    }
    JsonNode patch = item.get("model_patch");
    patches.put(id.asText(), patch == null || patch.isNull() ? "" : patch.asText());
  }
}
