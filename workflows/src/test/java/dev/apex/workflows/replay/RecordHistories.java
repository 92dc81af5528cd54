package dev.apex.workflows.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.workflows.batch.BatchEvalWorkflow;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.EpisodeWorkflow;
import dev.apex.workflows.episode.Outcome;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.Signal;
import dev.apex.workflows.testkit.EpisodeTestKit;
import dev.apex.workflows.testkit.FaultyPolicy;
import dev.apex.workflows.testkit.PacedPolicy;
import dev.apex.workflows.testkit.ScriptedRoles;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs each {@link Recording} on the time-skipping test server and writes its histories as JSON.
 * Not part of the normal build (its name is not a test name, and it needs a property):
 *
 * <pre>
 * mvn -B -pl workflows test -Dtest=RecordHistories -Dapex.recordHistories=true
 * </pre>
 *
 * <p>Histories go to {@code src/test/resources/histories/} (the module's), or to the directory in
 * {@code -Dapex.historiesDir}. See docs/testing.md for when re-recording is legitimate.
 */
@EnabledIfSystemProperty(named = "apex.recordHistories", matches = "true")
class RecordHistories {

  @ParameterizedTest(name = "{0}")
  @EnumSource(Recording.class)
  void record(Recording recording) throws Exception {
    Path dir = Path.of(System.getProperty("apex.historiesDir", "src/test/resources/histories"));
    assertThat(dir).as("run from the workflows module, or set -Dapex.historiesDir").isDirectory();
    List<WorkflowExecutionHistory> runs;
    try (EpisodeTestKit kit = new EpisodeTestKit()) {
      runs = run(recording, kit);
    } finally {
      PacedPolicy.callEvery = Duration.ofSeconds(90);
      PacedPolicy.workUntil = Duration.ofDays(1);
    }
    List<String> files = recording.files();
    assertThat(runs).hasSameSizeAs(files);
    for (int i = 0; i < files.size(); i++) {
      Files.writeString(dir.resolve(files.get(i)), runs.get(i).toJson(true) + "\n");
    }
  }

  private static List<WorkflowExecutionHistory> run(Recording recording, EpisodeTestKit kit)
      throws Exception {
    return switch (recording) {
      case STATIC_STAR_RESOLVED -> {
        // Two rounds; the Planner's conversation outgrows the hub cap, so the Summarizer runs.
        kit.role(Role.PLANNER).script(r -> ScriptedRoles.reply("plan", 1000, 700, Signal.NONE));
        kit.role(Role.CRITIC)
            .script(r ->
                ScriptedRoles.reply(
                    "verdict", 50, 10, r.turn() == 1 ? Signal.REJECT : Signal.APPROVE));
        yield episode(kit, recording.workflowId(), "static_star", 100_000, Outcome.RESOLVED);
      }
      case STATIC_CHAIN_RESOLVED -> {
        criticApproves(kit);
        yield episode(kit, recording.workflowId(), "static_chain", 10_000, Outcome.RESOLVED);
      }
      case SINGLE_AGENT_RESOLVED -> {
        kit.role(Role.CODER)
            .script(r ->
                ScriptedRoles.reply(
                    "edit", 10, 5, r.turn() == 2 ? Signal.DONE : Signal.PATCH_APPLIED));
        yield episode(kit, recording.workflowId(), "single_agent", 10_000, Outcome.RESOLVED);
      }
      case BUDGET_EXHAUSTED -> {
        kit.role(Role.CODER)
            .script(r -> ScriptedRoles.withinAllowance(r, "edit", 20, 200, Signal.NONE));
        yield episode(kit, recording.workflowId(), "single_agent", 500, Outcome.BUDGET_EXHAUSTED);
      }
      case TIMEOUT_AFTER_EXTENSIONS -> {
        PacedPolicy.callEvery = Recording.PACED_CALL_EVERY;
        PacedPolicy.workUntil = Recording.PACED_WORK_UNTIL;
        List<WorkflowExecutionHistory> runs =
            episode(kit, recording.workflowId(), PacedPolicy.NAME, 1_000_000, Outcome.TIMEOUT);
        assertThat(kit.steps.recorded().get(0).deadlineExtensions()).isEqualTo(2);
        yield runs;
      }
      case CANCELLED -> {
        kit.role(Role.CODER).park(true);
        EpisodeWorkflow episode = kit.newEpisode(recording.workflowId());
        WorkflowClient.start(episode::run, EpisodeTestKit.input("static_star", 10_000));
        kit.nextParked(Duration.ofSeconds(30));
        WorkflowStub stub = WorkflowStub.fromTyped(episode);
        stub.cancel();
        assertThatThrownBy(() -> stub.getResult(EpisodeResult.class))
            .isInstanceOf(WorkflowFailedException.class);
        yield List.of(kit.client().fetchHistory(recording.workflowId()));
      }
      case BATCH_CONTINUED_AS_NEW -> {
        criticApproves(kit);
        kit.batchSteps.tasks(3);
        yield batch(kit, recording.workflowId(), Map.of("concurrency", 2, "pageSize", 2));
      }
      case BATCH_CHILD_FAILED -> {
        kit.batchSteps.tasks(2);
        FaultyPolicy.failOn(kit, "t2");
        List<WorkflowExecutionHistory> runs =
            batch(
                kit, recording.workflowId(), Map.of("policy", FaultyPolicy.NAME, "concurrency", 2));
        assertThat(kit.steps.recorded())
            .extracting(EpisodeResult::outcome)
            .containsExactlyInAnyOrder(Outcome.RESOLVED, Outcome.ERROR);
        yield runs;
      }
    };
  }

  private static void criticApproves(EpisodeTestKit kit) {
    kit.role(Role.CRITIC).script(r -> ScriptedRoles.reply("looks right", 50, 10, Signal.APPROVE));
  }

  private static List<WorkflowExecutionHistory> episode(
      EpisodeTestKit kit, String id, String policy, int budget, Outcome expected) {
    EpisodeResult end = kit.newEpisode(id).run(EpisodeTestKit.input(policy, budget));
    assertThat(end.outcome()).as(end.reason()).isEqualTo(expected);
    return List.of(kit.client().fetchHistory(id));
  }

  private static List<WorkflowExecutionHistory> batch(
      EpisodeTestKit kit, String id, Map<String, Object> json) {
    BatchEvalWorkflow batch = kit.newBatch(id);
    WorkflowExecution first = WorkflowClient.start(batch::run, EpisodeTestKit.batchInput(json));
    WorkflowStub.fromTyped(batch).getResult(Object.class);
    return kit.runs(id, first.getRunId());
  }
}
