package dev.apex.workers.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apex.activities.batch.WorkerReadiness;
import dev.apex.activities.episode.RunFiles;
import dev.apex.activities.roles.SessionStore;
import dev.apex.backends.DefaultModel;
import dev.apex.workers.testing.EveryRolePolicy;
import dev.apex.workers.testing.TestFleet;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.EpisodeWorkflow;
import dev.apex.workflows.episode.Outcome;
import dev.apex.workflows.episode.TimeRule;
import dev.apex.workflows.policy.PolicySettings;
import dev.apex.workflows.roles.Role;
import io.temporal.client.WorkflowStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet's life on the real dev server with the real default model, in order: {@code workers up}
 * passes both readiness gates, one episode goes through all five roles, every worker serves its
 * metrics, and {@code workers down} leaves no process behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkersFleetIT {

  private static final List<String> WORKERS =
      List.of("episodes", "planner", "coder", "runner", "critic", "summarizer");

  /** Generous for a loaded two-core machine; the episode itself is five short calls. */
  private static final TimeRule RULE = new TimeRule(900, 120, 1200, 300, 30, 120, 1, null);

  private static final PolicySettings SHORT_CALLS = new PolicySettings(1, 48, 1536);

  @TempDir Path runDir;

  private TestFleet fleet;

  @BeforeAll
  void up() throws InterruptedException {
    fleet = TestFleet.up();
  }

  @AfterAll
  void downAnyway() {
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  @Order(1)
  void up_everyRoleQueue_hasOneLiveWarmWorker_inTemporalsViewToo() throws InterruptedException {
    WorkerReadiness readiness = new WorkerReadiness(fleet.service(), fleet.server().namespace());

    assertThat(readiness.await(Duration.ofMinutes(1))).isEmpty();
    String model = DefaultModel.under(fleet.server().repoRoot()).getFileName().toString();
    for (Role role : Role.values()) {
      // Pollers of earlier runs' workers stay listed for minutes: find this run's by its pid.
      long pid = fleet.supervisor().pids().get(role.id());
      assertThat(readiness.workers(role))
          .filteredOn(identity -> identity.endsWith(":" + pid))
          .singleElement()
          .asString()
          .startsWith("apex:" + role.id() + ":warm:" + model + "@");
    }
    for (String worker : WORKERS) {
      JsonNode status = fleet.status(worker);
      assertThat(status.path("ready").asBoolean()).as(worker).isTrue();
      assertThat(status.path("pid").asLong()).isEqualTo(fleet.supervisor().pids().get(worker));
    }
  }

  @Test
  @Order(2)
  void episode_goesThroughAllFiveRoles_eachOnItsOwnWorker() throws Exception {
    String id = "fleet-it-" + UUID.randomUUID();
    EpisodeWorkflow episode =
        fleet.start(id, fleet.episode(EveryRolePolicy.NAME, 40_000, RULE, SHORT_CALLS, runDir));

    EpisodeResult result =
        WorkflowStub.fromTyped(episode).getResult(15, TimeUnit.MINUTES, EpisodeResult.class);

    assertThat(result.outcome()).as(result.reason()).isIn(Outcome.RESOLVED, Outcome.UNRESOLVED);
    assertThat(result.reason()).startsWith("every role called once");
    assertThat(result.llmCalls()).isEqualTo(5);
    assertThat(result.callTokens()).hasSize(5).isSorted();
    assertThat(result.tokensUsed()).isEqualTo(result.callTokens().get(4));
    assertThat(RunFiles.episodeFile(runDir, TestFleet.TASK)).exists();
    SessionStore sessions = new SessionStore(runDir.resolve("sessions").resolve(id));
    for (Role role : Role.values()) {
      assertThat(sessions.file(role)).as(role.id()).exists();
      assertThat(fleet.status(role.id()).path("calls").asInt()).as(role.id()).isEqualTo(1);
    }
    // The Summarizer replaced the Planner's conversation: system prompt, task and summary.
    assertThat(sessions.before(Role.PLANNER, Integer.MAX_VALUE)).hasSize(3);
    assertThat(sessions.before(Role.PLANNER, Integer.MAX_VALUE).get(2).content())
        .startsWith("Summary of the work so far:");
  }

  @Test
  @Order(3)
  void metrics_everyWorker_servesTemporalSdkAndApexMetrics() {
    for (String worker : WORKERS) {
      String metrics = fleet.get(worker, "/metrics");
      assertThat(metrics)
          .as(worker)
          .containsPattern("(?m)^temporal_\\w+")
          .contains("temporal_request_total")
          .contains("apex_process_rss_bytes{worker=\"" + worker + "\"}")
          .contains("apex_busy_slots{worker=\"" + worker + "\"} 0.0");
    }
    for (Role role : Role.values()) {
      String tags = "role=\"" + role.id() + "\",worker=\"" + role.id() + "\"";
      assertThat(fleet.get(role.id(), "/metrics"))
          .as(role.id())
          .contains("temporal_activity_execution_latency_seconds_count")
          .containsPattern("apex_model_load_seconds\\{worker=\"" + role.id() + "\"} [0-9.]*[1-9]")
          .containsPattern("apex_model_warmup_seconds\\{worker=\"" + role.id() + "\"} [0-9.]*[1-9]")
          .containsPattern("apex_tokens_generated_total\\{" + tags + "} [1-9]")
          .containsPattern("apex_prompt_tokens_total\\{" + tags + "} [1-9]")
          .contains("apex_llm_calls_total{outcome=\"ok\"," + tags + "} 1.0")
          .contains("apex_time_to_first_token_seconds_count{" + tags + "} 1")
          .contains("apex_tokens_per_second{worker=\"" + role.id() + "\"}")
          .contains("apex_vram_free_bytes{worker=\"" + role.id() + "\"} -1.0");
    }
  }

  @Test
  @Order(4)
  void down_leavesNoProcessBehind() throws InterruptedException {
    int seen = fleet.processesSeen();
    List<Long> pids = new ArrayList<>(fleet.supervisor().pids().values());

    fleet.close();

    assertThat(seen).isGreaterThanOrEqualTo(6);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<ProcessHandle> running = fleet.stillRunning();
    while (!running.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(200);
      running = fleet.stillRunning();
    }
    assertThat(TestFleet.describe(running)).isEmpty();
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
    assertThat(fleet.stateFile()).doesNotExist();
    assertThat(workerChildrenOfThisJvm()).isEmpty();
  }

  /** Any process this JVM started that runs a worker's main class. */
  private static Set<String> workerChildrenOfThisJvm() {
    return Set.copyOf(
        ProcessHandle.current()
            .descendants()
            .filter(ProcessHandle::isAlive)
            .map(p -> p.info().commandLine().orElse(""))
            .filter(line ->
                line.contains("dev.apex.workers.RoleWorker") || line.contains("EpisodeWorker"))
            .toList());
  }
}
