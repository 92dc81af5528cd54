package dev.apex.workers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --predictions gold} as the environment check: every task must resolve with its own gold
 * patch, so each one that did not is printed with its outcome and reason.
 */
final class GoldCheck {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GoldCheck() {}

  /** Prints the tasks of {@code runDir}'s results.jsonl that did not validate; returns how many. */
  static int print(Path runDir, PrintStream out) {
    List<String> failed = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(runDir.resolve("results.jsonl"))) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = JSON.readTree(line);
        if (!row.path("resolved").asBoolean(false)) {
          failed.add(
              row.path("instance_id").asText()
                  + ": "
                  + row.path("outcome").asText()
                  + " · "
                  + row.path("reason").asText());
        }
      }
    } catch (IOException e) {
      out.println("apex eval: cannot read " + runDir.resolve("results.jsonl") + ": " + e);
      return -1;
    }
    if (failed.isEmpty()) {
      out.println("apex eval: environment check passed: every gold patch validates");
    } else {
      out.println(
          "apex eval: environment check: "
              + failed.size()
              + " task(s) did not validate with their gold patch:");
      failed.forEach(f -> out.println("  " + f));
    }
    return failed.size();
  }
}
