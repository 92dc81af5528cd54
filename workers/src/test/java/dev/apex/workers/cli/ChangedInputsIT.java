package dev.apex.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.activities.tasks.TaskLoader;
import dev.apex.workers.testing.ApexLauncher;
import dev.apex.workers.testing.DevServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./apex eval} after its inputs were edited never resumes the old batch nor prints its
 * report: into the same {@code --out} it refuses in one line naming what changed; into another it
 * grades again. Graded predictions keep it fast (no model, episode worker only).
 */
class ChangedInputsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TASK = "py-median-even";

  @Test
  @Timeout(value = 12, unit = TimeUnit.MINUTES)
  void editedPredictionsOrTaskFile_refusesToResume_orGradesAgain_neverAStaleReport()
      throws Exception {
    DevServer server = DevServer.ensureRunning();
    Path home = server.repoRoot();
    Path work = home.resolve("workers/target/it-runs/changed-" + UUID.randomUUID());
    Files.createDirectories(work);
    Path tasks = work.resolve("tasks.jsonl");
    Files.copy(home.resolve("tasks/apex-bugs/tasks.jsonl"), tasks);
    Files.createSymbolicLink(work.resolve("repos"), home.resolve("tasks/apex-bugs/repos"));
    String gold = TaskLoader.load(tasks).get(TASK).patch();
    Path predictions = work.resolve("predictions.jsonl");
    Files.writeString(predictions, prediction(gold));
    Path runDir = work.resolve("run");
    ApexLauncher apex = ApexLauncher.against(server);
    String[] command = {
      "eval",
      "--tasks",
      tasks.toString(),
      "--instance-ids",
      TASK,
      "--predictions",
      predictions.toString(),
      "--out",
      runDir.toString()
    };

    ApexLauncher.Run first = apex.run(Duration.ofMinutes(4), command);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("1/1 resolved");
    String report = Files.readString(runDir.resolve("report.json"));

    // The predictions now say "no change": the old batch's 1/1 would be a stale answer.
    Files.writeString(predictions, prediction(""));
    ApexLauncher.Run edited = apex.run(Duration.ofMinutes(2), command);

    assertThat(edited.exitCode()).as(edited.out() + edited.err()).isEqualTo(2);
    assertThat(edited.errLines())
        .singleElement()
        .asString()
        .contains("run directory " + runDir + " holds batch")
        .contains("predictions changed (" + predictions + " has other content)")
        .contains("give another --out");
    assertThat(edited.out()).doesNotContain("resolved");
    assertThat(Files.readString(runDir.resolve("report.json"))).isEqualTo(report);

    Path again = work.resolve("again");
    command[command.length - 1] = again.toString();
    ApexLauncher.Run regraded = apex.run(Duration.ofMinutes(4), command);
    assertThat(regraded.exitCode()).as(regraded.err()).isZero();
    assertThat(regraded.out()).contains("started batch").contains("0/1 resolved");
    JsonNode row = JSON.readTree(Files.readAllLines(again.resolve("results.jsonl")).get(0));
    assertThat(row.path("outcome").asText()).isEqualTo("UNRESOLVED");

    Files.writeString(
        tasks,
        Files.readString(tasks)
            .replace("\"problem_statement\":\"", "\"problem_statement\":\"Edited. "));
    ApexLauncher.Run editedTasks = apex.run(Duration.ofMinutes(2), command);
    assertThat(editedTasks.exitCode()).as(editedTasks.out() + editedTasks.err()).isEqualTo(2);
    assertThat(editedTasks.errLines())
        .singleElement()
        .asString()
        .contains("task file changed (" + tasks + " has other content)");
  }

  private static String prediction(String patch) throws Exception {
    return JSON.writeValueAsString(
            Map.of("instance_id", TASK, "model_name_or_path", "it", "model_patch", patch))
        + "\n";
  }
}
