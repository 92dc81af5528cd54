package dev.apex.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apex.workers.testing.ApexLauncher;
import dev.apex.workers.testing.DevServer;
import dev.apex.workers.testing.StubFleet;
import dev.apex.workflows.batch.BatchReport;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code temporal workflow start} and {@code tctl workflow start} commands of
 * docs/operations.md, run exactly as written there (only the server address is the test server's),
 * against the dev server with stub workers: each batch completes, writes the run directory, and
 * {@code ./apex report} rebuilds that directory identically.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class TemporalCliIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DOC = "docs/operations.md";
  private static final String SECTION = "## Start a batch from Temporal's CLIs";
  private static final String DOC_ADDRESS = "127.0.0.1:7233";
  private static final Pattern CODE_BLOCK = Pattern.compile("(?s)```sh\\n(.*?)```");
  private static final Pattern INPUT = Pattern.compile("--input '([^']*)'");
  private static final Pattern WORKFLOW_ID = Pattern.compile("--workflow[-_]id (\\S+)");

  private static DevServer server;
  private static StubFleet fleet;
  private static WorkflowServiceStubs service;
  private static WorkflowClient client;

  @BeforeAll
  static void startWorkers() throws Exception {
    server = DevServer.ensureRunning();
    fleet = StubFleet.start(ApexLauncher.against(server));
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
    client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(server.namespace()).build());
  }

  @AfterAll
  static void stopWorkers() {
    if (service != null) {
      service.shutdown();
    }
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  void temporalWorkflowStart_asDocumented_runsTheBatch_andReportRebuildsIt(@TempDir Path rebuilt)
      throws Exception {
    runDocumentedCommand("temporal-dev/bin/temporal workflow start", rebuilt);
  }

  @Test
  void tctlWorkflowStart_asDocumented_runsTheBatch_andReportRebuildsIt(@TempDir Path rebuilt)
      throws Exception {
    assertThat(server.repoRoot().resolve("temporal-dev/bin/tctl"))
        .as("tctl is installed only when asked: temporal-dev/install.sh --tctl (./apex test does)")
        .isExecutable();
    runDocumentedCommand("temporal-dev/bin/tctl ", rebuilt);
  }

  @Test
  void temporalWorkflowStart_misspelledField_failsWithinSecondsNamingIt() throws Exception {
    String batchId = "apex-typo-" + UUID.randomUUID();
    String command =
        "temporal-dev/bin/temporal workflow start --address "
            + server.address()
            + " --type BatchEval --task-queue apex-episodes --workflow-id "
            + batchId
            + " --input '{\"instance_ids\": [\"py-median-even\"], \"predictions\": \"gold\"}'";

    DevServer.Result started = bash(command);
    assertThat(started.exitCode()).as(command + "\n" + started.output()).isZero();
    long start = System.nanoTime();

    assertThatThrownBy(() ->
            client
                .newUntypedWorkflowStub(batchId)
                .getResult(30, TimeUnit.SECONDS, BatchReport.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .hasMessageContaining("\"instance_ids\"");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(server.repoRoot().resolve("runs").resolve(batchId)).doesNotExist();
  }

  private void runDocumentedCommand(String prefix, Path rebuilt) throws Exception {
    String documented = documentedCommand(prefix);
    String command = documented.replace(DOC_ADDRESS, server.address());
    String batchId = group(WORKFLOW_ID, documented);
    JsonNode input = JSON.readTree(group(INPUT, documented));
    List<String> tasks = new ArrayList<>();
    input.path("instanceIds").forEach(id -> tasks.add(id.asText()));
    Path runDir = server.repoRoot().resolve("runs").resolve(batchId);
    forget(batchId, tasks, runDir);

    DevServer.Result started = bash(command);

    assertThat(started.exitCode()).as(command + "\n" + started.output()).isZero();
    BatchReport report =
        client.newUntypedWorkflowStub(batchId).getResult(15, TimeUnit.MINUTES, BatchReport.class);
    assertThat(report.tasks()).isEqualTo(tasks.size());
    assertThat(Path.of(report.runDir())).isEqualTo(runDir);
    if (input.has("predictions")) {
      assertThat(report.resolved()).as("gold patches resolve").isEqualTo(tasks.size());
    }
    for (String file :
        List.of(
            "batch.json",
            "results.jsonl",
            "predictions.jsonl",
            "report.json",
            "success_at_budget.svg")) {
      assertThat(runDir.resolve(file)).isRegularFile();
    }
    for (String task : tasks) {
      assertThat(runDir.resolve("episodes/" + task + ".json")).isRegularFile();
    }
    assertThat(ids(runDir.resolve("results.jsonl"))).containsExactlyElementsOf(tasks);
    assertThat(ids(runDir.resolve("predictions.jsonl"))).containsExactlyElementsOf(tasks);

    ApexLauncher.Run rebuild =
        ApexLauncher.against(server)
            .run(Duration.ofMinutes(3), "report", batchId, "--out", rebuilt.toString());

    assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
    for (String file : List.of("results.jsonl", "predictions.jsonl", "batch.json")) {
      assertThat(rebuilt.resolve(file)).as(file).hasSameTextualContentAs(runDir.resolve(file));
    }
    for (String task : tasks) {
      assertThat(rebuilt.resolve("episodes/" + task + ".json"))
          .hasSameTextualContentAs(runDir.resolve("episodes/" + task + ".json"));
    }
    assertThat(withoutTimestamp(rebuilt.resolve("report.json")))
        .isEqualTo(withoutTimestamp(runDir.resolve("report.json")));
  }

  /** The documented command that starts with {@code prefix}, as bash would read it. */
  private static String documentedCommand(String prefix) throws IOException {
    String doc = Files.readString(server.repoRoot().resolve(DOC));
    int start = doc.indexOf(SECTION);
    assertThat(start).as(SECTION + " in " + DOC).isNotNegative();
    int end = doc.indexOf("\n## ", start + SECTION.length());
    Matcher blocks = CODE_BLOCK.matcher(doc.substring(start, end < 0 ? doc.length() : end));
    while (blocks.find()) {
      String block = blocks.group(1).strip();
      if (block.startsWith(prefix)) {
        return block;
      }
    }
    throw new AssertionError("no ```sh block starting with '" + prefix + "' under " + SECTION);
  }

  /** Deletes what an earlier run of this test left: the batch, its episodes, its run directory. */
  private static void forget(String batchId, List<String> tasks, Path runDir)
      throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    ids.add(batchId);
    tasks.forEach(task -> ids.add(batchId + "--" + task));
    for (String id : ids) {
      server.temporal("workflow", "delete", "--workflow-id", id);
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    for (String id : ids) {
      while (server.temporal("workflow", "describe", "--workflow-id", id).exitCode() == 0) {
        assertThat(System.nanoTime()).as(id + " still there after delete").isLessThan(deadline);
        Thread.sleep(500);
      }
    }
    if (Files.exists(runDir)) {
      try (Stream<Path> files = Files.walk(runDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static DevServer.Result bash(String command) throws IOException, InterruptedException {
    Path output = Files.createTempFile("apex-cli-it", ".out");
    try {
      Process process =
          new ProcessBuilder("bash", "-c", command)
              .directory(server.repoRoot().toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(command).isTrue();
      return new DevServer.Result(process.exitValue(), Files.readString(output));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static List<String> ids(Path jsonl) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : Files.readAllLines(jsonl)) {
      ids.add(JSON.readTree(line).path("instance_id").asText());
    }
    return ids;
  }

  private static JsonNode withoutTimestamp(Path reportJson) throws IOException {
    ObjectNode report = (ObjectNode) JSON.readTree(reportJson.toFile());
    report.remove("written_at");
    return report;
  }

  private static String group(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertThat(matcher.find()).as(pattern + " in " + text).isTrue();
    return matcher.group(1);
  }
}
