package dev.apex.workflows.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.apex.workflows.episode.EpisodeInput;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.Outcome;
import dev.apex.workflows.episode.TimeRule;
import dev.apex.workflows.policy.PolicySettings;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RoleRequest;
import dev.apex.workflows.roles.Signal;
import dev.apex.workflows.roles.TaskRef;
import dev.apex.workflows.testkit.EpisodeTestKit;
import dev.apex.workflows.testkit.FakeBatchSteps;
import dev.apex.workflows.testkit.FaultyPolicy;
import dev.apex.workflows.testkit.ScriptedRoles;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batch workflow on the time-skipping test server: child episodes with scripted roles, fake
 * batch steps whose report is built from the rows the episodes recorded.
 */
class BatchEvalWorkflowTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final EpisodeTestKit kit = new EpisodeTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  @Test
  void batch_largerThanPage_continuesAsNewAndLosesNoTask() {
    criticApproves();
    kit.batchSteps.tasks(7);
    BatchEvalWorkflow batch = kit.newBatch("paged");
    WorkflowExecution first =
        WorkflowClient.start(
            batch::run, EpisodeTestKit.batchInput(Map.of("concurrency", 2, "pageSize", 3)));
    BatchReport report = WorkflowStub.fromTyped(batch).getResult(BatchReport.class);

    List<String> tasks = taskIds(7);
    List<String> episodes =
        tasks.stream().map(t -> BatchEvalWorkflowImpl.episodeId("paged", t)).toList();
    // With the critic approving at once, each episode asks the Planner exactly once.
    assertThat(kit.role(Role.PLANNER).requests())
        .extracting(RoleRequest::episodeId)
        .containsExactlyInAnyOrderElementsOf(episodes);
    assertThat(kit.steps.recordedIn(FakeBatchSteps.runDir("paged")))
        .extracting(EpisodeResult::instanceId)
        .containsExactlyInAnyOrderElementsOf(tasks);
    assertThat(kit.batchSteps.reports).hasValue(1);
    assertThat(report.tasks()).isEqualTo(7);
    assertThat(report.resolved()).isEqualTo(7);
    assertThat(report.outcomes()).containsExactly(Map.entry(Outcome.RESOLVED, 7));

    // The tally survived both continuations.
    BatchProgress progress = batch.progress();
    assertThat(progress.phase()).isEqualTo("done");
    assertThat(progress.done()).isEqualTo(7);
    assertThat(progress.resolved()).isEqualTo(7);
    assertThat(progress.outcomes()).containsExactly(Map.entry(Outcome.RESOLVED, 7));
    assertThat(progress.tokensUsed()).isEqualTo(7 * 105L);

    // Pages of 3, 3 and 1 tasks, one run each; the first two continued as new.
    List<WorkflowExecutionHistory> runs = kit.runs("paged", first.getRunId());
    assertThat(runs)
        .extracting(r -> r.getLastEvent().getEventType())
        .containsExactly(
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    assertThat(runs)
        .extracting(r -> count(r, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED))
        .containsExactly(3L, 3L, 1L);
    assertThat(runs)
        .extracting(r -> count(r, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED))
        .containsOnly(0L);
  }

  @Test
  void batch_concurrencyTwo_neverRunsMoreThanTwoEpisodesAtOnce() throws Exception {
    criticApproves();
    kit.batchSteps.tasks(4);
    kit.role(Role.CODER).park(true);
    BatchEvalWorkflow batch = kit.newBatch("pairs");
    WorkflowClient.start(batch::run, EpisodeTestKit.batchInput(Map.of("concurrency", 2)));

    ScriptedRoles.Parked first = kit.nextParked(WAIT);
    ScriptedRoles.Parked second = kit.nextParked(WAIT);
    assertThat(List.of(task(first), task(second))).containsExactlyInAnyOrder("t1", "t2");
    assertThat(kit.parked.poll(1, TimeUnit.SECONDS)).as("a third episode started").isNull();
    assertThat(batch.progress().running()).containsExactlyInAnyOrder("t1", "t2");

    finish(first);
    ScriptedRoles.Parked third = kit.nextParked(WAIT);
    assertThat(task(third)).isEqualTo("t3");
    assertThat(kit.parked.poll(1, TimeUnit.SECONDS)).as("a fourth episode started").isNull();
    assertThat(batch.progress().running()).containsExactlyInAnyOrder(task(second), "t3");

    finish(second);
    ScriptedRoles.Parked fourth = kit.nextParked(WAIT);
    assertThat(task(fourth)).isEqualTo("t4");
    finish(third);
    finish(fourth);
    BatchReport report = WorkflowStub.fromTyped(batch).getResult(BatchReport.class);

    assertThat(report.resolved()).isEqualTo(4);
    assertThat(kit.steps.maxRunning()).isEqualTo(2);
  }

  @Test
  void batch_roleWithoutWarmWorker_failsFastNamingTheRole() {
    kit.batchSteps.missingRole("critic");
    BatchEvalWorkflow batch = kit.newBatch("no-critic");

    assertThatThrownBy(() -> batch.run(EpisodeTestKit.batchInput(Map.of())))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("no live, warm worker for critic")
        .satisfies(f -> {
          assertThat(((ApplicationFailure) f).isNonRetryable()).isTrue();
          assertThat(((ApplicationFailure) f).getType()).isEqualTo("WorkersNotReady");
        });
    assertThat(kit.batchSteps.readinessChecks).hasValue(1);
    assertThat(kit.steps.recorded()).isEmpty();
    assertThat(kit.batchSteps.reports).hasValue(0);
    for (Role role : Role.values()) {
      assertThat(kit.role(role).requests()).isEmpty();
    }
  }

  @Test
  void batch_withPredictions_skipsTheReadinessGate() {
    kit.batchSteps.missingRole("critic").tasks(2);
    BatchReport report =
        kit.newBatch("gold").run(EpisodeTestKit.batchInput(Map.of("predictions", "gold")));

    assertThat(kit.batchSteps.readinessChecks).hasValue(0);
    assertThat(report.policy()).isEqualTo("predictions");
    assertThat(report.resolved()).isEqualTo(2);
    assertThat(kit.steps.grades())
        .hasSize(2)
        .allSatisfy(g -> assertThat(g.predictions()).isEqualTo("gold"));
    for (Role role : Role.values()) {
      assertThat(kit.role(role).requests()).isEmpty();
    }
  }

  static Stream<Arguments> invalidInputs() {
    return Stream.of(
        arguments(Map.of("budget", 0), "budget must be > 0, got 0"),
        arguments(Map.of("policy", "hub_and_spoke"), "unknown policy 'hub_and_spoke'"),
        arguments(Map.of("concurrency", 0), "concurrency must be > 0, got 0"),
        arguments(
            Map.of("instanceIds", List.of("t1", "t2", "t1")),
            "instanceIds must name each task once; 't1' is repeated"),
        arguments(Map.of("llmTimeoutS", -1), "llmTimeoutS must be > 0, got -1"),
        arguments(
            Map.of("episodeTimeoutS", 1800, "maxEpisodeTimeoutS", 600),
            "maxEpisodeTimeoutS (600) is less than episodeTimeoutS (1800)"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidInputs")
  void batch_invalidInput_failsFastNamingTheProblem(Map<String, Object> json, String problem) {
    WorkflowStub stub = kit.untypedBatch("invalid");
    stub.start(json);

    assertThatThrownBy(() -> stub.getResult(BatchReport.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("invalid batch input")
        .hasMessageContaining(problem)
        .satisfies(f -> {
          assertThat(((ApplicationFailure) f).isNonRetryable()).isTrue();
          assertThat(((ApplicationFailure) f).getType()).isEqualTo("InvalidInput");
        });
    assertThat(
            count(kit.client().fetchHistory("invalid"), EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED))
        .isZero();
    assertThat(kit.batchSteps.readinessChecks).hasValue(0);
    assertThat(kit.steps.recorded()).isEmpty();
  }

  @Test
  void batch_knownJsonFields_areUsed() {
    criticApproves();
    kit.batchSteps.tasks(2);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("policy", "static_chain");
    json.put("budget", 5000);
    json.put("concurrency", 2);
    WorkflowStub stub = kit.untypedBatch("json-batch");
    stub.start(json);
    BatchReport report = stub.getResult(BatchReport.class);

    assertThat(report.policy()).isEqualTo("static_chain");
    assertThat(report.budget()).isEqualTo(5000);
    assertThat(report.resolved()).isEqualTo(2);
    assertThat(
            count(
                kit.client().fetchHistory("json-batch"), EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED))
        .isZero();
  }

  static Stream<Arguments> undecodableInputs() {
    return Stream.of(
        arguments(Map.of("instance_ids", List.of("t1")), "instance_ids"),
        arguments(Map.of("budjet", 5000), "budjet"),
        arguments(Map.of("budget", "lots"), "budget"),
        arguments(Map.of("instanceIds", "t1,t2"), "instanceIds"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("undecodableInputs")
  void batch_unknownFieldOrWrongType_failsAtOnceNamingTheField(
      Map<String, Object> json, String field) {
    WorkflowStub stub = kit.untypedBatch("typo");
    stub.start(json);

    assertThatThrownBy(() -> stub.getResult(5, TimeUnit.SECONDS, BatchReport.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("\"" + field + "\"");
    assertThat(count(kit.client().fetchHistory("typo"), EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED))
        .isZero();
    assertThat(kit.steps.recorded()).isEmpty();
  }

  @Test
  void batch_continuationFromOutside_isRefused() {
    kit.batchSteps.tasks(2);
    Map<String, Object> cursor =
        Map.of(
            "plan",
            Map.of("tasksFile", "tasks.jsonl", "runDir", "/tmp/x", "instanceIds", List.of("t1")),
            "next",
            0,
            "tally",
            Map.of("done", 0, "resolved", 0, "tokens", 0, "outcomes", Map.of()));
    WorkflowStub stub = kit.untypedBatch("forged");
    stub.start(Map.of("continuation", cursor));

    assertThatThrownBy(() -> stub.getResult(5, TimeUnit.SECONDS, BatchReport.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .hasMessageContaining("continuation");
    assertThat(kit.steps.recorded()).isEmpty();
  }

  @Test
  void batch_episodeCompletedInAnEarlierRun_isNotRunAgain() {
    criticApproves();
    String batchId = "resumed";
    String t2 = BatchEvalWorkflowImpl.episodeId(batchId, "t2");
    EpisodeResult before =
        kit.newEpisode(t2)
            .run(
                new EpisodeInput(
                    new TaskRef("t2", "/tasks/tasks.jsonl"),
                    "static_star",
                    10_000,
                    "swe",
                    TimeRule.DEFAULTS,
                    PolicySettings.DEFAULTS,
                    FakeBatchSteps.runDir(batchId),
                    batchId,
                    null));
    kit.batchSteps.earlier.put(t2, before);

    BatchEvalWorkflow batch = kit.newBatch(batchId);
    BatchReport report = batch.run(EpisodeTestKit.batchInput(Map.of("concurrency", 2)));

    // t2's only Planner call is the one from before the batch.
    assertThat(kit.role(Role.PLANNER).requests())
        .extracting(RoleRequest::episodeId)
        .containsExactlyInAnyOrder(
            BatchEvalWorkflowImpl.episodeId(batchId, "t1"),
            t2,
            BatchEvalWorkflowImpl.episodeId(batchId, "t3"));
    assertThat(kit.steps.recordedIn(FakeBatchSteps.runDir(batchId)))
        .extracting(EpisodeResult::instanceId)
        .containsExactlyInAnyOrder("t1", "t2", "t3");
    assertThat(report.tasks()).isEqualTo(3);
    assertThat(report.resolved()).isEqualTo(3);
    assertThat(batch.progress().done()).isEqualTo(3);
    assertThat(batch.progress().tokensUsed()).isEqualTo(3 * 105L);
  }

  @Test
  void batch_childFailsWithoutResult_rowIsSynthesizedSoTheReportCoversIt() {
    kit.batchSteps.tasks(3);
    FaultyPolicy.failOn(kit, "t2");
    BatchReport report =
        kit.newBatch("faulty")
            .run(EpisodeTestKit.batchInput(Map.of("policy", FaultyPolicy.NAME, "concurrency", 2)));

    List<EpisodeResult> rows = kit.steps.recordedIn(FakeBatchSteps.runDir("faulty"));
    assertThat(rows)
        .extracting(EpisodeResult::instanceId)
        .containsExactlyInAnyOrder("t1", "t2", "t3");
    EpisodeResult failed =
        rows.stream().filter(r -> r.instanceId().equals("t2")).findFirst().orElseThrow();
    assertThat(failed.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(failed.reason()).startsWith("episode failed").contains("policy gave up");
    assertThat(failed.workflowId()).isEqualTo(BatchEvalWorkflowImpl.episodeId("faulty", "t2"));
    assertThat(failed.batchId()).isEqualTo("faulty");
    assertThat(failed.tokensAtSubmit()).isEqualTo(-1);
    assertThat(report.tasks()).isEqualTo(3);
    assertThat(report.outcomes())
        .containsExactly(Map.entry(Outcome.RESOLVED, 2), Map.entry(Outcome.ERROR, 1));
  }

  private void criticApproves() {
    kit.role(Role.CRITIC).script(r -> ScriptedRoles.reply("looks right", 50, 10, Signal.APPROVE));
  }

  private void finish(ScriptedRoles.Parked call) {
    kit.completions()
        .complete(call.taskToken(), ScriptedRoles.reply("patched", 10, 5, Signal.PATCH_APPLIED));
  }

  private static String task(ScriptedRoles.Parked call) {
    return call.request().task().instanceId();
  }

  private static List<String> taskIds(int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> "t" + i).toList();
  }

  private static long count(WorkflowExecutionHistory history, EventType type) {
    return history.getEvents().stream().filter(e -> e.getEventType() == type).count();
  }
}
