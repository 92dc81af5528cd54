package dev.apex.workers.cli;

import static dev.apex.workers.testing.RunDirectory.awaitEpisodes;
import static dev.apex.workers.testing.RunDirectory.episodeFiles;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.workers.testing.ApexLauncher;
import dev.apex.workers.testing.DevServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Interrupting {@code ./apex eval} mid-batch and running the same command again resumes the same
 * batch: same id, no episode run twice, every task in the report exactly once. Once it finished,
 * the same command prints its report again without starting workers.
 */
class ResumeIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern STARTED = Pattern.compile("started batch (\\S+)");
  private static final List<String> TASKS =
      List.of("py-median-even", "py-escape-double", "py-pager-last-page");

  @Test
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void interruptedEval_runAgain_resumesTheSameBatch_andReportsEveryTaskOnce() throws Exception {
    DevServer server = DevServer.ensureRunning();
    Path work = server.repoRoot().resolve("workers/target/it-runs/resume-" + UUID.randomUUID());
    Files.createDirectories(work);
    // Slow stub replies, so the batch is still running when it is interrupted.
    Path script = work.resolve("stub.json");
    Files.writeString(script, "{\"default\": {\"tokenLatencyMs\": 150}}");
    Path runDir = work.resolve("run");
    ApexLauncher apex = ApexLauncher.against(server).with("APEX_STUB_SCRIPT", script.toString());
    String[] command = {
      "eval",
      "--backend",
      "stub",
      "--instance-ids",
      String.join(",", TASKS),
      "--max-rounds",
      "1",
      "--heartbeat-timeout-s",
      "5",
      "--out",
      runDir.toString()
    };

    Path out = work.resolve("first.out");
    Path err = work.resolve("first.err");
    Process first = apex.start(out, err, command);
    awaitEpisodes(runDir, 1, first, Duration.ofMinutes(8), out, err);
    ApexLauncher.stop(first, Duration.ofSeconds(60));
    String firstOut = Files.readString(out);
    Matcher started = STARTED.matcher(firstOut);
    assertThat(started.find()).as(firstOut + Files.readString(err)).isTrue();
    String batchId = started.group(1);
    assertThat(episodeFiles(runDir)).as("interrupted mid-batch").hasSizeLessThan(TASKS.size());
    assertThat(Files.exists(runDir.resolve("results.jsonl"))).as("no report yet").isFalse();

    ApexLauncher.Run again = apex.run(Duration.ofMinutes(15), command);

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("resuming batch " + batchId).doesNotContain("started batch");
    List<String> ids = new ArrayList<>();
    for (String line : Files.readAllLines(runDir.resolve("results.jsonl"))) {
      ids.add(JSON.readTree(line).path("instance_id").asText());
    }
    assertThat(ids).containsExactlyElementsOf(TASKS);
    JsonNode report = JSON.readTree(runDir.resolve("report.json").toFile());
    assertThat(report.path("batch_id").asText()).isEqualTo(batchId);
    assertThat(report.path("tasks").asInt()).isEqualTo(TASKS.size());
    DevServer.Result episodes =
        server.temporal(
            "workflow",
            "count",
            "--query",
            "ApexBatch=\"" + batchId + "\" AND WorkflowType=\"Episode\"");
    assertThat(episodes.output()).as("one workflow per task, none rerun").contains("Total: 3");

    ApexLauncher.Run finished = apex.run(Duration.ofMinutes(3), command);

    assertThat(finished.exitCode()).as(finished.err()).isZero();
    assertThat(finished.out()).contains("resuming batch " + batchId, "resolved (success@10000");
    assertThat(finished.err()).as("no workers for a finished batch").doesNotContain("started the");
    assertThat(Files.readAllLines(runDir.resolve("results.jsonl"))).hasSize(TASKS.size());
  }
}
