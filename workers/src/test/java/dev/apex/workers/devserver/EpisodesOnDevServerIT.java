package dev.apex.workers.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.activities.batch.WorkerIdentity;
import dev.apex.activities.roles.CallObserver;
import dev.apex.activities.sandbox.Sandbox;
import dev.apex.activities.sandbox.SandboxConfig;
import dev.apex.backends.stub.StubBackend;
import dev.apex.backends.stub.StubScript;
import dev.apex.workers.EpisodeWorker;
import dev.apex.workers.RoleActivities;
import dev.apex.workers.RoleWorker;
import dev.apex.workers.TemporalConnection;
import dev.apex.workers.WorkerConfig;
import dev.apex.workers.testing.DevServer;
import dev.apex.workflows.TaskQueues;
import dev.apex.workflows.batch.BatchEvalWorkflow;
import dev.apex.workflows.batch.BatchInput;
import dev.apex.workflows.batch.BatchReport;
import dev.apex.workflows.episode.EpisodeInput;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.EpisodeWorkflow;
import dev.apex.workflows.episode.Outcome;
import dev.apex.workflows.episode.TimeRule;
import dev.apex.workflows.policy.PolicySettings;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.TaskRef;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Episodes and a batch on the real dev server (started by temporal-dev), with the real episode
 * worker and role activities on the stub model; search attributes read back with the {@code
 * temporal} CLI, and finished episodes still listed after the server restarts.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EpisodesOnDevServerIT {

  /** The stub team fixes py-median-even and nothing else. */
  private static final Map<Role, String> REPLIES =
      Map.of(
          Role.PLANNER, "Change median() in quickstats/stats.py to divide with / instead of //.",
          Role.CODER,
              "{\"edits\":[{\"path\":\"quickstats/stats.py\","
                  + "\"search\":\"return (data[mid - 1] + data[mid]) // 2\","
                  + "\"replace\":\"return (data[mid - 1] + data[mid]) / 2\"}],\"done\":true}",
          Role.RUNNER, "{\"action\":\"tests\"}",
          Role.CRITIC,
              "{\"verdict\":\"approve\",\"feedback\":\"the mean of the two middle values\"}",
          Role.SUMMARIZER, "We changed median() to use true division.");

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path runs;
  private static DevServer server;
  private static WorkflowClient client;
  private static WorkerFactory factory;
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void startWorkers() {
    server = DevServer.ensureRunning();
    client = TemporalConnection.connect(server.address(), server.namespace(), "episodes-it");
    factory = EpisodeWorker.factory(client);
    SandboxConfig sandboxConfig = SandboxConfig.defaults(System.getenv());
    Sandbox sandbox = Sandbox.forThisMachine(sandboxConfig);
    WorkerConfig config =
        new WorkerConfig(
            server.repoRoot(),
            server.address(),
            server.namespace(),
            0,
            null,
            runs.resolve("work"),
            "it");
    EpisodeWorker.register(
        factory.newWorker(TaskQueues.EPISODES), client, config, sandbox, sandboxConfig);
    long pid = ProcessHandle.current().pid();
    for (Role role : Role.values()) {
      factory
          .newWorker(
              role.taskQueue(), RoleWorker.options(WorkerIdentity.of(role, "stub", "it", pid), 1))
          .registerActivitiesImplementations(
              RoleActivities.create(
                  role,
                  new StubBackend(StubScript.fixed(REPLIES.get(role))),
                  CallObserver.NONE,
                  () -> sandbox,
                  sandboxConfig.toolEnvDir()));
    }
    factory.start();
  }

  @AfterAll
  static void stopWorkers() {
    if (factory != null) {
      factory.shutdownNow();
    }
  }

  private static Path tasks() {
    return server.repoRoot().resolve("tasks/apex-bugs/tasks.jsonl");
  }

  @Test
  @Order(1)
  void episode_resolvedByTheTeam_searchAttributesListedByTheCli() {
    String id = "it-episode-" + RUN;
    EpisodeWorkflow episode =
        client.newWorkflowStub(EpisodeWorkflow.class, TaskQueues.onEpisodes(id).build());
    EpisodeResult end =
        episode.run(
            new EpisodeInput(
                new TaskRef("py-median-even", tasks().toString()),
                "static_star",
                20_000,
                "swe",
                TimeRule.DEFAULTS,
                new PolicySettings(2, 200, 400),
                runs.resolve("single").toString(),
                null,
                null));

    assertThat(end.outcome()).as(end.reason()).isEqualTo(Outcome.RESOLVED);
    assertThat(end.tests().failToPassPassed())
        .isEqualTo(end.tests().failToPassTotal())
        .isPositive();
    assertThat(end.tokensAtSubmit()).isPositive().isLessThanOrEqualTo(20_000);
    assertThat(episode.state().phase()).isEqualTo("done");
    DevServer.Result list =
        list(
            "WorkflowId=\""
                + id
                + "\" AND ApexTask=\"py-median-even\" AND ApexPolicy=\"static_star\""
                + " AND ApexOutcome=\"RESOLVED\" AND ApexTokens="
                + end.tokensUsed());
    assertThat(list.exitCode()).as(list.output()).isZero();
    assertThat(list.output()).contains(id, "WORKFLOW_EXECUTION_STATUS_COMPLETED");
  }

  @Test
  @Order(2)
  void batch_twoTasks_runDirectoryAndAttributesCoverBoth() throws Exception {
    String batchId = "it-batch-" + RUN;
    Path out = runs.resolve("batch");
    BatchEvalWorkflow batch =
        client.newWorkflowStub(BatchEvalWorkflow.class, TaskQueues.onEpisodes(batchId).build());
    BatchInput input =
        BatchInput.builder()
            .tasks(tasks().toString())
            .instanceIds(List.of("py-median-even", "py-escape-double"))
            .policy("static_star")
            .budget(20_000)
            .mode("swe")
            .maxRounds(2)
            .maxCompletionTokens(200)
            .concurrency(2)
            .out(out.toString())
            .modelName("apex/stub")
            .build();
    BatchReport report = batch.run(input);

    assertThat(report.tasks()).isEqualTo(2);
    assertThat(report.resolved()).isEqualTo(1);
    assertThat(report.outcomes())
        .containsEntry(Outcome.RESOLVED, 1)
        .containsEntry(Outcome.UNRESOLVED, 1);
    List<String> rows = Files.readAllLines(out.resolve("results.jsonl"));
    assertThat(rows).hasSize(2);
    assertThat(rows.stream().map(r -> read(r).path("instance_id").asText()))
        .containsExactly("py-median-even", "py-escape-double");
    JsonNode prediction = read(Files.readAllLines(out.resolve("predictions.jsonl")).get(0));
    assertThat(prediction.path("model_patch").asText()).contains("data[mid]) / 2");
    assertThat(prediction.path("model_name_or_path").asText()).isEqualTo("apex/stub");
    JsonNode json = JSON.readTree(out.resolve("report.json").toFile());
    assertThat(json.path("success_at_budget").asDouble()).isEqualTo(0.5);
    assertThat(json.path("success_at_b")).isNotEmpty();
    assertThat(Files.readString(out.resolve("success_at_budget.svg"))).startsWith("<svg");

    DevServer.Result resolved =
        list("ApexBatch=\"" + batchId + "\" AND ApexOutcome=\"RESOLVED\" AND ApexTokens > 0");
    assertThat(resolved.exitCode()).as(resolved.output()).isZero();
    assertThat(resolved.output())
        .contains(batchId + "--py-median-even")
        .doesNotContain("py-escape-double");
    DevServer.Result all = list("ApexBatch=\"" + batchId + "\"");
    assertThat(all.output()).contains(batchId + "--py-escape-double", "\"" + batchId + "\"");
  }

  @Test
  @Order(3)
  void devServer_stopThenStart_keepsFinishedEpisodes() {
    assumeTrue(server.isLocal(), "TEMPORAL_ADDRESS names a server this test must not restart");
    String id = "it-episode-" + RUN;
    server.stop();
    assertThat(server.temporal("operator", "cluster", "health").exitCode()).isNotZero();
    server.start();
    DevServer.Result list = list("WorkflowId=\"" + id + "\" AND ApexOutcome=\"RESOLVED\"");
    assertThat(list.exitCode()).as(list.output()).isZero();
    assertThat(list.output()).contains(id, "WORKFLOW_EXECUTION_STATUS_COMPLETED");
  }

  /** {@code temporal workflow list} of the workflows {@code query} selects, as JSON. */
  private static DevServer.Result list(String query) {
    return server.temporal("workflow", "list", "--output", "json", "--query", query);
  }

  private static JsonNode read(String line) {
    try {
      return JSON.readTree(line);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
