package dev.apex.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.activities.tasks.Task;
import dev.apex.activities.tasks.TaskLoader;
import dev.apex.activities.tasks.TaskSet;
import dev.apex.workers.testing.ApexLauncher;
import dev.apex.workers.testing.DevServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./apex eval --predictions gold|empty --all} as a user runs it: the whole bundled set
 * graded through the batch workflow on the dev server, no model involved. Gold resolves every task,
 * empty none, and predictions.jsonl carries the given patches in SWE-bench's format.
 */
class PredictionsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static DevServer server;
  private static TaskSet tasks;

  @BeforeAll
  static void load() throws Exception {
    server = DevServer.ensureRunning();
    tasks = TaskLoader.load(server.repoRoot().resolve("tasks/apex-bugs/tasks.jsonl"));
  }

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void gold_resolvesEveryBundledTask() throws Exception {
    Path runDir = grade("gold");

    JsonNode report = JSON.readTree(runDir.resolve("report.json").toFile());
    assertThat(report.path("tasks").asInt()).isEqualTo(tasks.size());
    assertThat(report.path("resolved").asInt()).as(report.toString()).isEqualTo(tasks.size());
    Map<String, String> patches = predictions(runDir);
    assertThat(patches).hasSize(tasks.size());
    for (Task task : tasks.tasks()) {
      assertThat(patches.get(task.instanceId())).as(task.instanceId()).isEqualTo(task.patch());
    }
  }

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void empty_resolvesNoBundledTask() throws Exception {
    Path runDir = grade("empty");

    JsonNode report = JSON.readTree(runDir.resolve("report.json").toFile());
    assertThat(report.path("tasks").asInt()).isEqualTo(tasks.size());
    assertThat(report.path("resolved").asInt()).as(report.toString()).isZero();
    List<String> outcomes = new ArrayList<>();
    for (String line : Files.readAllLines(runDir.resolve("results.jsonl"))) {
      outcomes.add(JSON.readTree(line).path("outcome").asText());
    }
    assertThat(outcomes).hasSize(tasks.size()).containsOnly("UNRESOLVED");
    assertThat(predictions(runDir).values()).containsOnly("");
  }

  private static Path grade(String predictions) {
    Path runDir =
        server
            .repoRoot()
            .resolve("workers/target/it-runs/predictions-" + predictions + "-" + UUID.randomUUID());
    ApexLauncher.Run run =
        ApexLauncher.against(server)
            .run(
                Duration.ofMinutes(14),
                "eval",
                "--predictions",
                predictions,
                "--all",
                "--concurrency",
                "2",
                "--out",
                runDir.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    return runDir;
  }

  private static Map<String, String> predictions(Path runDir) throws Exception {
    Map<String, String> patches = new HashMap<>();
    for (String line : Files.readAllLines(runDir.resolve("predictions.jsonl"))) {
      JsonNode row = JSON.readTree(line);
      assertThat(row.has("model_name_or_path")).as(line).isTrue();
      patches.put(row.path("instance_id").asText(), row.path("model_patch").asText());
    }
    return patches;
  }
}
