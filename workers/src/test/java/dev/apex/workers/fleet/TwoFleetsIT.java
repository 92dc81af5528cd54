package dev.apex.workers.fleet;

import static dev.apex.workers.testing.RunDirectory.awaitEpisodes;
import static dev.apex.workers.testing.RunDirectory.episodeFiles;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.workers.WorkerConfig;
import dev.apex.workers.cli.Fleet;
import dev.apex.workers.testing.ApexLauncher;
import dev.apex.workers.testing.DevServer;
import dev.apex.workers.testing.StubFleet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two worker fleets on one machine (each {@code ./apex workers up} with its own ports, state folder
 * and logs, one filesystem) serve one batch; one whole fleet is SIGKILLed mid-batch, supervisor and
 * workers at once, and the other finishes the batch with every task exactly once and each outcome
 * as an undisturbed run of the same tasks gives.
 */
class TwoFleetsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<String> TASKS =
      List.of(
          "py-median-even",
          "py-escape-double",
          "py-pager-last-page",
          "py-lru-recency",
          "py-eventbus-clear",
          "py-slugify-accents");

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES)
  @SuppressWarnings("try") // the fleets are held open for the test's length
  void oneOfTwoFleetsKilledMidBatch_theOtherFinishesIt_everyTaskOnce_outcomesUnchanged()
      throws Exception {
    DevServer server = DevServer.ensureRunning();
    Path work = server.repoRoot().resolve("workers/target/it-runs/two-fleets-" + UUID.randomUUID());
    Files.createDirectories(work);
    // Slow stub replies keep the batch running while both fleets serve it.
    Path script = work.resolve("stub.json");
    Files.writeString(script, "{\"default\": {\"tokenLatencyMs\": 100}}");
    int baseA = WorkerConfig.metricsPortBase(System.getenv());
    int baseB = baseA + 20;
    ApexLauncher apex = ApexLauncher.against(server).with("APEX_STUB_SCRIPT", script.toString());
    ApexLauncher apexA = apex.with("APEX_METRICS_PORT_BASE", Integer.toString(baseA));
    ApexLauncher apexB = apex.with("APEX_METRICS_PORT_BASE", Integer.toString(baseB));
    Path stateB = Fleet.stateDir(server.repoRoot(), baseB).resolve("workers.json");

    try (StubFleet fleetA = StubFleet.start(apexA);
        StubFleet fleetB = StubFleet.start(apexB)) {
      JsonNode b = JSON.readTree(stateB.toFile());
      assertThat(b.path("fleet_id").asText())
          .isNotEqualTo(
              JSON.readTree(
                      Fleet.stateDir(server.repoRoot(), baseA).resolve("workers.json").toFile())
                  .path("fleet_id")
                  .asText());

      Path runDir = work.resolve("run");
      Path out = work.resolve("eval.out");
      Path err = work.resolve("eval.err");
      Process eval = apexA.start(out, err, command(runDir));
      // Mid-batch, once fleet B has served calls: every process of it, at once.
      awaitEpisodes(runDir, 1, eval, Duration.ofMinutes(10), err);
      assertThat(callsServed(b)).as("fleet B served part of the batch").isPositive();
      List<Long> pids = new ArrayList<>();
      pids.add(b.path("supervisor_pid").asLong());
      JSON.readTree(stateB.toFile()).path("workers").forEach(w -> pids.add(w.path("pid").asLong()));
      List<String> kill = new ArrayList<>(List.of("kill", "-9"));
      pids.forEach(pid -> kill.add(Long.toString(pid)));
      assertThat(new ProcessBuilder(kill).start().waitFor()).isZero();
      long gone = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (pids.stream().anyMatch(TwoFleetsIT::alive) && System.nanoTime() < gone) {
        Thread.sleep(100);
      }
      assertThat(pids.stream().filter(TwoFleetsIT::alive)).as("fleet B's processes").isEmpty();
      assertThat(episodeFiles(runDir)).as("still mid-batch").hasSizeLessThan(TASKS.size());

      assertThat(eval.waitFor(15, TimeUnit.MINUTES)).as("the batch finished").isTrue();
      assertThat(eval.exitValue()).as(Files.readString(err)).isZero();
      Map<String, String> outcomes = outcomes(runDir);
      List<String> ids = new ArrayList<>();
      for (String line : Files.readAllLines(runDir.resolve("results.jsonl"))) {
        ids.add(JSON.readTree(line).path("instance_id").asText());
      }
      assertThat(ids).hasSize(TASKS.size());
      assertThat(new LinkedHashSet<>(ids)).containsExactlyInAnyOrderElementsOf(TASKS);
      String batchId =
          JSON.readTree(runDir.resolve("report.json").toFile()).path("batch_id").asText();
      assertThat(
              server
                  .temporal(
                      "workflow",
                      "count",
                      "--query",
                      "ApexBatch=\"" + batchId + "\" AND WorkflowType=\"Episode\"")
                  .output())
          .as("one Episode execution per task, none rerun")
          .contains("Total: " + TASKS.size());

      // The same tasks undisturbed, on the fleet that is left: the same outcome for each.
      Path calmDir = work.resolve("calm");
      ApexLauncher.Run calm = apexA.run(Duration.ofMinutes(15), command(calmDir));
      assertThat(calm.exitCode()).as(calm.err()).isZero();
      assertThat(outcomes).isEqualTo(outcomes(calmDir));
    }
  }

  private static String[] command(Path runDir) {
    return new String[] {
      "eval",
      "--backend",
      "stub",
      "--instance-ids",
      String.join(",", TASKS),
      "--max-rounds",
      "1",
      "--concurrency",
      "4",
      "--heartbeat-timeout-s",
      "5",
      "--out",
      runDir.toString()
    };
  }

  /** LLM calls the role workers of the fleet in {@code state} have served so far. */
  private static int callsServed(JsonNode state) throws IOException, InterruptedException {
    int calls = 0;
    for (JsonNode worker : state.path("workers")) {
      HttpResponse<String> status =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(worker.path("status_url").asText()))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      calls += JSON.readTree(status.body()).path("calls").asInt();
    }
    return calls;
  }

  /** Outcome and tokens of each task, by id. */
  private static Map<String, String> outcomes(Path runDir) throws IOException {
    Map<String, String> outcomes = new TreeMap<>();
    for (String line : Files.readAllLines(runDir.resolve("results.jsonl"))) {
      JsonNode row = JSON.readTree(line);
      outcomes.put(
          row.path("instance_id").asText(),
          row.path("outcome").asText() + " tokens=" + row.path("tokens_used").asLong());
    }
    return outcomes;
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
