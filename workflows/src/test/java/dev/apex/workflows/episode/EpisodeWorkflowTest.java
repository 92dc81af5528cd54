package dev.apex.workflows.episode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.workflows.ApexSearchAttributes;
import dev.apex.workflows.TaskQueues;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RoleRequest;
import dev.apex.workflows.roles.Signal;
import dev.apex.workflows.testkit.EpisodeTestKit;
import dev.apex.workflows.testkit.ScriptedRoles;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Episode semantics on the time-skipping test server with scripted role activities. */
class EpisodeWorkflowTest {

  /** Small limits for the tests that must let real time pass (a hung call, the call limit). */
  private static final TimeRule FAST = new TimeRule(60, 30, 120, 3, 1, 10, 1, null);

  private final EpisodeTestKit kit = new EpisodeTestKit();

  @AfterEach
  void close() {
    kit.close();
  }

  private void criticApproves() {
    kit.role(Role.CRITIC).script(r -> ScriptedRoles.reply("looks right", 50, 10, Signal.APPROVE));
  }

  @Test
  void staticStar_criticApproves_resolvedWithinBudget() {
    criticApproves();
    EpisodeWorkflow episode = kit.newEpisode("star-ok");
    EpisodeResult end = episode.run(EpisodeTestKit.input("static_star", 10_000));

    assertThat(end.outcome()).isEqualTo(Outcome.RESOLVED);
    assertThat(end.resolved()).isTrue();
    // plan, patch, run, critique: 15 + 15 + 15 + 60 tokens.
    assertThat(end.llmCalls()).isEqualTo(4);
    assertThat(end.tokensUsed()).isEqualTo(105);
    assertThat(end.tokensAtSubmit()).isEqualTo(105);
    assertThat(end.callTokens()).containsExactly(15, 30, 45, 105);
    assertThat(end.tests()).isEqualTo(new TestCounts(2, 2, 3, 3));
    assertThat(end.reason()).contains("critic approved in round 1");
    assertThat(kit.steps.recorded()).containsExactly(end);
    assertThat(kit.steps.grades())
        .singleElement()
        .satisfies(g -> assertThat(g.predictions()).isNull());

    SearchAttributes attributes = searchAttributes("star-ok");
    assertThat(attributes.get(ApexSearchAttributes.TASK)).isEqualTo("demo-1");
    assertThat(attributes.get(ApexSearchAttributes.POLICY)).isEqualTo("static_star");
    assertThat(attributes.get(ApexSearchAttributes.OUTCOME)).isEqualTo("RESOLVED");
    assertThat(attributes.get(ApexSearchAttributes.TOKENS)).isEqualTo(105L);
    assertThat(episode.state().phase()).isEqualTo("done");
  }

  @Test
  void grade_testCommandCouldNotRun_isAnErrorWithTheCauseNotUnresolved() {
    criticApproves();
    kit.steps.errs("command not found (exit 127): /bin/sh: 1: python: not found");

    EpisodeResult end = kit.newEpisode("star-err").run(EpisodeTestKit.input("static_star", 10_000));

    assertThat(end.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(end.resolved()).isFalse();
    assertThat(end.reason()).contains("python: not found");
    assertThat(end.evidence()).isEqualTo("grading/demo-1");
    assertThat(kit.steps.grades())
        .singleElement()
        .satisfies(g -> {
          assertThat(g.testTimeoutS()).isEqualTo(TimeRule.DEFAULTS.testTimeoutS());
          assertThat(g.gradingRuns()).isEqualTo(1);
          assertThat(g.runDir()).isNotNull();
        });
  }

  @Test
  void staticStar_rolesTalkOnlyThroughThePlanner() {
    kit.role(Role.PLANNER)
        .script(r -> ScriptedRoles.reply("edit calc.py line 3", 10, 5, Signal.NONE));
    kit.role(Role.CODER)
        .script(r -> ScriptedRoles.reply("changed calc.py", 10, 5, Signal.PATCH_APPLIED));
    kit.role(Role.RUNNER).script(r -> ScriptedRoles.reply("1 failed", 10, 5, Signal.TESTS_FAILED));
    kit.role(Role.CRITIC).script(r -> ScriptedRoles.reply("still failing", 10, 5, Signal.REJECT));
    EpisodeResult end =
        kit.newEpisode("star-rounds").run(EpisodeTestKit.input("static_star", 10_000));

    assertThat(end.outcome()).isEqualTo(Outcome.RESOLVED);
    assertThat(end.reason()).contains("submitted after 4 rounds");
    List<RoleRequest> plans = kit.role(Role.PLANNER).requests();
    assertThat(plans).hasSize(4);
    assertThat(plans.get(1).message()).contains("changed calc.py", "1 failed", "still failing");
    assertThat(kit.role(Role.CODER).requests().get(0).message()).contains("edit calc.py line 3");
    assertThat(kit.role(Role.CODER).requests())
        .extracting(RoleRequest::turn)
        .containsExactly(1, 2, 3, 4);
  }

  @Test
  void staticStar_hubContextOverCap_summarizerCompressesPlannerConversation() {
    kit.role(Role.PLANNER).script(r -> ScriptedRoles.reply("plan", 1000, 700, Signal.NONE));
    EpisodeResult end =
        kit.newEpisode("star-summary").run(EpisodeTestKit.input("static_star", 100_000));

    assertThat(end.outcome()).isEqualTo(Outcome.RESOLVED);
    List<RoleRequest> summaries = kit.role(Role.SUMMARIZER).requests();
    assertThat(summaries).hasSize(3);
    assertThat(summaries).allSatisfy(r -> assertThat(r.subject()).isEqualTo(Role.PLANNER));
  }

  @Test
  void baselines_staticChainAndSingleAgent_submit() {
    criticApproves();
    assertThat(kit.newEpisode("chain").run(EpisodeTestKit.input("static_chain", 10_000)).reason())
        .contains("critic approved in round 1");
    kit.role(Role.CODER).script(r -> ScriptedRoles.reply("done", 10, 5, Signal.DONE));
    EpisodeResult single =
        kit.newEpisode("single").run(EpisodeTestKit.input("single_agent", 10_000));
    assertThat(single.reason()).contains("coder done in round 1");
    assertThat(single.llmCalls()).isEqualTo(1);
  }

  @Test
  void budget_runsOutMidEpisode_neverExceeded() {
    kit.role(Role.CODER)
        .script(r -> ScriptedRoles.withinAllowance(r, "edit", 20, 200, Signal.NONE));
    EpisodeResult end = kit.newEpisode("broke").run(EpisodeTestKit.input("single_agent", 500));

    assertThat(end.outcome()).isEqualTo(Outcome.BUDGET_EXHAUSTED);
    assertThat(end.resolved()).isFalse();
    assertThat(end.tokensUsed()).isEqualTo(500);
    assertThat(end.tokensAtSubmit()).isEqualTo(-1);
    assertThat(end.callTokens()).containsExactly(220, 440, 500);
    List<RoleRequest> calls = kit.role(Role.CODER).requests();
    assertThat(calls).extracting(RoleRequest::tokenAllowance).containsExactly(500, 280, 60);
    assertThat(calls)
        .allSatisfy(
            r -> assertThat(r.maxCompletionTokens()).isLessThanOrEqualTo(r.tokenAllowance()));
    assertThat(calls.get(2).maxCompletionTokens()).isEqualTo(60);
    assertThat(kit.steps.grades()).isEmpty();
  }

  @Test
  void budget_promptDoesNotFit_stopsWithoutCharging() {
    kit.role(Role.CODER)
        .script(r -> ScriptedRoles.withinAllowance(r, "edit", 300, 50, Signal.NONE));
    EpisodeResult end = kit.newEpisode("big-prompt").run(EpisodeTestKit.input("single_agent", 500));
    assertThat(end.outcome()).isEqualTo(Outcome.BUDGET_EXHAUSTED);
    assertThat(end.tokensUsed()).isEqualTo(350);
    assertThat(end.reason()).contains("does not fit the 150 tokens left");
  }

  @Test
  void hungCall_noHeartbeat_isTimedOutAndRetried() {
    criticApproves();
    // The Coder's first attempt hangs without heartbeats; the next attempt answers.
    kit.role(Role.CODER).park(true);
    Thread retryAnswers =
        new Thread(() -> {
          try {
            kit.nextParked(Duration.ofSeconds(30));
            kit.role(Role.CODER).park(false);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    retryAnswers.start();
    long start = System.nanoTime();
    EpisodeResult end =
        kit.newEpisode("hung").run(EpisodeTestKit.input("static_star", 10_000, FAST));

    assertThat(end.outcome()).isEqualTo(Outcome.RESOLVED);
    assertThat(kit.role(Role.CODER).attempts()).containsExactly(1, 2);
    // Noticed after the 1 s heartbeat timeout, well before the 3 s call limit.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void callLimit_heartbeatingCallPastStartToClose_isRetried() throws Exception {
    criticApproves();
    kit.role(Role.CODER).park(true);
    EpisodeWorkflow episode = kit.newEpisode("slow-call");
    WorkflowClient.start(episode::run, EpisodeTestKit.input("static_star", 10_000, FAST));
    ScriptedRoles.Parked first = kit.nextParked(Duration.ofSeconds(30));
    long firstAt = System.nanoTime();
    kit.role(Role.CODER).park(false);
    // Keep the first attempt alive with heartbeats until the server gives up on it.
    while (kit.role(Role.CODER).attempts().size() < 2) {
      try {
        kit.completions().heartbeat(first.taskToken(), "still going");
      } catch (io.temporal.client.ActivityCompletionException e) {
        break;
      }
      Thread.sleep(200);
    }
    EpisodeResult end = WorkflowStub.fromTyped(episode).getResult(EpisodeResult.class);
    long retriedAfterMs = (System.nanoTime() - firstAt) / 1_000_000;

    assertThat(end.outcome()).isEqualTo(Outcome.RESOLVED);
    assertThat(kit.role(Role.CODER).attempts()).containsExactly(1, 2);
    assertThat(retriedAfterMs).isGreaterThanOrEqualTo(FAST.llmTimeoutS() * 1000L - 500);
  }

  @Test
  void callOptions_defaultRule_limitsEachCallTo180sWithHeartbeats() {
    var coder = RoleCalls.options(Role.CODER, TimeRule.DEFAULTS, Duration.ZERO);
    assertThat(coder.getStartToCloseTimeout()).isEqualTo(Duration.ofMinutes(3));
    assertThat(coder.getHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(coder.getTaskQueue()).isEqualTo("apex-coder");
    assertThat(coder.getRetryOptions().getMaximumAttempts()).isEqualTo(RoleCalls.LLM_ATTEMPTS);
    assertThat(coder.getScheduleToStartTimeout()).isEqualTo(Duration.ofMinutes(5));
    // Twice the cap: waits for workers move the deadline by at most the cap.
    assertThat(TimeRule.DEFAULTS.runTimeout()).isEqualTo(Duration.ofMinutes(125));
  }

  @Test
  void roleFailsPermanently_episodeErrorsWithReason() {
    kit.role(Role.CODER)
        .script(r -> {
          throw ApplicationFailure.newNonRetryableFailure("model file vanished", "Permanent");
        });
    EpisodeResult end = kit.newEpisode("broken").run(EpisodeTestKit.input("static_star", 10_000));
    assertThat(end.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(end.reason()).contains("model file vanished");
    assertThat(kit.steps.recorded())
        .singleElement()
        .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.ERROR));
  }

  @Test
  void predictions_gradedWithoutAnyRoleCall() {
    EpisodeInput input = EpisodeTestKit.input("static_star", 10_000);
    EpisodeInput gold =
        new EpisodeInput(
            input.task(),
            input.policy(),
            input.budget(),
            input.mode(),
            input.timeRule(),
            input.settings(),
            input.runDir(),
            null,
            "gold");
    EpisodeResult end = kit.newEpisode("gold").run(gold);
    assertThat(end.outcome()).isEqualTo(Outcome.RESOLVED);
    assertThat(end.policy()).isEqualTo("predictions");
    assertThat(end.llmCalls()).isZero();
    assertThat(kit.steps.grades())
        .singleElement()
        .satisfies(g -> assertThat(g.predictions()).isEqualTo("gold"));
    for (Role role : Role.values()) {
      assertThat(kit.role(role).requests()).isEmpty();
    }
  }

  /** An episode's input as JSON from outside, every field known. */
  private static Map<String, Object> episodeJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("task", new LinkedHashMap<>(Map.of("instanceId", "demo-1", "tasksFile", "/t.jsonl")));
    json.put("policy", "static_star");
    json.put("budget", 5000);
    json.put("mode", "swe");
    json.put(
        "timeRule",
        new LinkedHashMap<>(
            Map.of(
                "episodeTimeoutS",
                1800,
                "progressExtendS",
                120,
                "maxEpisodeTimeoutS",
                3600,
                "llmTimeoutS",
                180,
                "heartbeatTimeoutS",
                30,
                "testTimeoutS",
                120)));
    json.put(
        "settings", Map.of("maxRounds", 2, "maxCompletionTokens", 100, "hubContextTokens", 900));
    json.put("runDir", "/runs/x");
    return json;
  }

  @Test
  void input_knownJsonFields_runTheEpisode() {
    criticApproves();
    WorkflowStub stub = untyped("known-fields");
    stub.start(episodeJson());
    assertThat(stub.getResult(EpisodeResult.class).outcome()).isEqualTo(Outcome.RESOLVED);
  }

  @SuppressWarnings("unchecked")
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"addedInAFutureVersion", "task.difficulty", "timeRule.jitter"})
  void input_unknownJsonField_failsAtOnceNamingIt(String where) {
    Map<String, Object> json = episodeJson();
    int dot = where.indexOf('.');
    String field = where.substring(dot + 1);
    Map<String, Object> parent =
        dot < 0 ? json : (Map<String, Object>) json.get(where.substring(0, dot));
    parent.put(field, true);
    WorkflowStub stub = untyped("unknown-field");
    stub.start(json);

    assertThatThrownBy(() -> stub.getResult(EpisodeResult.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .hasMessageContaining("\"" + field + "\"");
    assertThat(kit.client().fetchHistory("unknown-field").getEvents())
        .noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
    assertThat(kit.steps.recorded()).isEmpty();
  }

  @Test
  void input_invalid_failsFastWithoutRetryingTheTask() {
    EpisodeInput input = EpisodeTestKit.input("static_star", 0);
    WorkflowStub stub = untyped("bad-budget");
    stub.start(input);
    assertThatThrownBy(() -> stub.getResult(EpisodeResult.class))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("budget must be > 0, got 0")
        .satisfies(f -> assertThat(((ApplicationFailure) f).isNonRetryable()).isTrue());
    var events = kit.client().fetchHistory(stub.getExecution().getWorkflowId()).getEvents();
    assertThat(events)
        .noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
  }

  @Test
  void input_outOfOrderTimeouts_rejectedWithTheirNames() {
    EpisodeInput bad =
        EpisodeTestKit.input(
            "static_star", 100, new TimeRule(1800, 120, 600, 180, 30, 120, 1, null));
    assertThat(bad.problems())
        .containsExactly("maxEpisodeTimeoutS (600) is less than episodeTimeoutS (1800)");
    EpisodeInput unknown = EpisodeTestKit.input("hub_and_spoke", 100);
    assertThat(unknown.problems())
        .singleElement()
        .asString()
        .contains("unknown policy 'hub_and_spoke'");
  }

  @Test
  void cancelled_outcomeRecordedBeforeClosing() throws Exception {
    kit.role(Role.CODER).park(true);
    EpisodeWorkflow episode = kit.newEpisode("cancel-me");
    WorkflowClient.start(episode::run, EpisodeTestKit.input("static_star", 10_000));
    kit.nextParked(Duration.ofSeconds(30));
    assertThat(episode.state().runningRole()).isEqualTo("coder");
    assertThat(episode.state().phase()).isEqualTo("running");
    WorkflowStub.fromTyped(episode).cancel();

    assertThatThrownBy(() -> WorkflowStub.fromTyped(episode).getResult(EpisodeResult.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    assertThat(kit.steps.recorded())
        .singleElement()
        .satisfies(r -> {
          assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
          assertThat(r.reason()).isEqualTo("episode cancelled");
        });
    assertThat(searchAttributes("cancel-me").get(ApexSearchAttributes.OUTCOME)).isEqualTo("ERROR");
  }

  private WorkflowStub untyped(String id) {
    return kit.client()
        .newUntypedWorkflowStub(EpisodeWorkflow.TYPE, TaskQueues.onEpisodes(id).build());
  }

  private SearchAttributes searchAttributes(String workflowId) {
    var response =
        kit.env
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(kit.env.getNamespace())
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .build());
    return io.temporal.internal.common.SearchAttributesUtil.decodeTyped(
        response.getWorkflowExecutionInfo().getSearchAttributes());
  }
}
