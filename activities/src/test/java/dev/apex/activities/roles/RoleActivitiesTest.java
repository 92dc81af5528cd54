package dev.apex.activities.roles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.activities.grading.Workspace;
import dev.apex.activities.sandbox.TestSandboxes;
import dev.apex.backends.stub.StubBackend;
import dev.apex.backends.stub.StubScript;
import dev.apex.workflows.roles.CoderActivities;
import dev.apex.workflows.roles.CriticActivities;
import dev.apex.workflows.roles.HeartbeatProgress;
import dev.apex.workflows.roles.PlannerActivities;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RoleReply;
import dev.apex.workflows.roles.RunnerActivities;
import dev.apex.workflows.roles.Signal;
import dev.apex.workflows.roles.SummarizerActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.CanceledFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The role activities on the stub model against a bundled task's working copy. */
class RoleActivitiesTest {

  private static final String FIX_MEDIAN =
      """
      {"edits":[{"path":"quickstats/stats.py","search":"return (data[mid - 1] + data[mid]) // 2",\
      "replace":"return (data[mid - 1] + data[mid]) / 2"}],"done":true}\
      """;

  @TempDir Path tmp;
  private RoleFixture fixture;

  private RoleFixture fixture() {
    if (fixture == null) {
      fixture = new RoleFixture(tmp, "py-median-even");
    }
    return fixture;
  }

  @AfterEach
  void close() {
    if (fixture != null) {
      fixture.close();
    }
  }

  /** Heartbeats pass the SDK's throttle (0.8 × this) often enough for tests to see them. */
  private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(1);

  private <T> T stub(Class<T> type, Object impl) {
    fixture().env.registerActivitiesImplementations(impl);
    return fixture()
        .env
        .newActivityStub(
            type,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
                .build());
  }

  private CoderActivities coder(StubScript script) {
    return stub(
        CoderActivities.class,
        new CoderActivitiesImpl(new StubBackend(script), fixture().tasks, CallObserver.NONE));
  }

  @Test
  void coder_validEdit_changesTheWorkingCopy() throws Exception {
    RoleReply reply =
        coder(StubScript.fixed(FIX_MEDIAN)).writePatch(fixture().request(1, "fix it", 10_000, 300));
    assertThat(reply.signal()).isEqualTo(Signal.DONE);
    assertThat(Files.readString(fixture().workspace.resolve("quickstats/stats.py")))
        .contains("return (data[mid - 1] + data[mid]) / 2");
    assertThat(Workspace.open(fixture().workspace).changedPaths())
        .containsExactly("quickstats/stats.py");
  }

  @Test
  void coder_retriedTurnAfterItsEditsLanded_appliesThemOnceFromTheTurnsStart() throws Exception {
    CoderActivities coder = coder(StubScript.fixed(FIX_MEDIAN));
    coder.writePatch(fixture().request(1, "fix it", 10_000, 300));
    String afterFirst = Workspace.open(fixture().workspace).diff();
    // The same turn again, as Temporal retries a call whose result was lost: its edit's search
    // text is gone from a copy the lost attempt already changed.
    RoleReply retried = coder.writePatch(fixture().request(1, "fix it", 10_000, 300));

    assertThat(retried.signal()).isEqualTo(Signal.DONE);
    assertThat(Workspace.open(fixture().workspace).diff()).isEqualTo(afterFirst);
  }

  @Test
  void coder_nextTurn_startsFromWhatThePreviousTurnLeft() throws Exception {
    String noEdits = "{\"edits\":[],\"done\":true}";
    CoderActivities coder = coder(StubScript.fixed(FIX_MEDIAN, noEdits, noEdits));
    coder.writePatch(fixture().request(1, "fix it", 10_000, 300));
    coder.writePatch(fixture().request(2, "anything else?", 10_000, 300));
    coder.writePatch(fixture().request(2, "anything else?", 10_000, 300));

    assertThat(Files.readString(fixture().workspace.resolve("quickstats/stats.py")))
        .contains("return (data[mid - 1] + data[mid]) / 2");
  }

  @Test
  void coder_malformedOrMissingEdits_reportedBackNotThrown() {
    String wrongSearch =
        "{\"edits\":[{\"path\":\"quickstats/stats.py\",\"search\":\"no such text\",\"replace\":\"x\"}],\"done\":false}";
    String incomplete = "{\"edits\":[{\"path\":\"quickstats/stats.py\"}],\"done\":false}";
    CoderActivities coder = coder(StubScript.fixed(incomplete, wrongSearch));
    RoleReply malformed = coder.writePatch(fixture().request(1, "fix it", 10_000, 300));
    assertThat(malformed.signal()).isEqualTo(Signal.PATCH_FAILED);
    assertThat(malformed.text()).contains("an edit needs");
    RoleReply notFound = coder.writePatch(fixture().request(2, "again", 10_000, 300));
    assertThat(notFound.signal()).isEqualTo(Signal.PATCH_FAILED);
    assertThat(notFound.text()).contains("quickstats/stats.py");
  }

  @Test
  void budget_promptLargerThanAllowance_notRunAndNothingRecorded() {
    StubBackend model = new StubBackend(StubScript.fixed("a plan"));
    PlannerActivities planner =
        stub(
            PlannerActivities.class,
            new PlannerActivitiesImpl(model, fixture().tasks, CallObserver.NONE));
    RoleReply reply = planner.plan(fixture().request(1, "plan", 20, 100));
    assertThat(reply.budgetExhausted()).isTrue();
    assertThat(reply.totalTokens()).isZero();
    assertThat(model.calls()).isZero();
    assertThat(Files.exists(new SessionStore(fixture().sessions).file(Role.PLANNER))).isFalse();
  }

  @Test
  void budget_completionClampedToWhatRemains() {
    String longPlan = "step ".repeat(400);
    PlannerActivities planner =
        stub(
            PlannerActivities.class,
            new PlannerActivitiesImpl(
                new StubBackend(StubScript.fixed(longPlan)), fixture().tasks, CallObserver.NONE));
    RoleReply first = planner.plan(fixture().request(1, "plan", 100_000, 384));
    int allowance = first.promptTokens() + 30;
    RoleReply clamped = planner.plan(fixture().request(1, "plan", allowance, 384));
    assertThat(clamped.completionTokens()).isEqualTo(30);
    assertThat(clamped.totalTokens()).isEqualTo(allowance);
  }

  @Test
  void session_retriedTurn_replacesItsEarlierAttempt() {
    PlannerActivities planner =
        stub(
            PlannerActivities.class,
            new PlannerActivitiesImpl(
                new StubBackend(StubScript.fixed("first", "second")),
                fixture().tasks,
                CallObserver.NONE));
    planner.plan(fixture().request(1, "plan", 100_000, 50));
    planner.plan(fixture().request(1, "plan", 100_000, 50));
    SessionStore store = new SessionStore(fixture().sessions);
    var messages = store.before(Role.PLANNER, 2);
    assertThat(messages).hasSize(3);
    assertThat(messages.get(2).content()).isEqualTo("second");
    planner.plan(fixture().request(2, "next", 100_000, 50));
    assertThat(store.before(Role.PLANNER, 3)).hasSize(5);
  }

  @Test
  void heartbeats_reportTokensAsTheyGrow() {
    List<HeartbeatProgress> beats = new CopyOnWriteArrayList<>();
    fixture().env.setActivityHeartbeatListener(HeartbeatProgress.class, beats::add);
    PlannerActivities planner =
        stub(
            PlannerActivities.class,
            new PlannerActivitiesImpl(
                new StubBackend(
                    StubScript.fixed("one two three four five six seven eight")
                        .withLatency(0, 300)),
                fixture().tasks,
                CallObserver.NONE));
    planner.plan(fixture().request(1, "plan", 100_000, 50));
    assertThat(beats).as(beats.toString()).hasSizeGreaterThan(1);
    assertThat(beats.get(0).phase()).isEqualTo("prompt");
    assertThat(beats.get(0).promptTokens()).isPositive();
    assertThat(beats.get(beats.size() - 1).completionTokens())
        .as(beats.toString())
        .isGreaterThan(beats.get(0).completionTokens());
  }

  @Test
  void cancellation_stopsTheGenerationBetweenTokens() {
    StubBackend slow = new StubBackend(StubScript.fixed("word ".repeat(200)).withLatency(0, 100));
    PlannerActivities planner =
        stub(
            PlannerActivities.class,
            new PlannerActivitiesImpl(slow, fixture().tasks, CallObserver.NONE));
    Thread canceller =
        new Thread(() -> {
          try {
            Thread.sleep(1_500);
          } catch (InterruptedException e) {
            return;
          }
          fixture().env.requestCancelActivity();
        });
    canceller.start();
    long start = System.nanoTime();
    assertThatThrownBy(() -> planner.plan(fixture().request(1, "plan", 100_000, 300)))
        .isInstanceOf(CanceledFailure.class);
    // 200 tokens would take 20 s; the cancel lands within about a second of being requested.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void critic_approvalCountsOnlyWhenThereIsAChange() throws Exception {
    CriticActivities critic =
        stub(
            CriticActivities.class,
            new CriticActivitiesImpl(
                new StubBackend(
                    StubScript.fixed("{\"verdict\":\"approve\",\"feedback\":\"good\"}")),
                fixture().tasks,
                CallObserver.NONE));
    assertThat(critic.critique(fixture().request(1, "review", 100_000, 100)).signal())
        .isEqualTo(Signal.REJECT);
    Path stats = fixture().workspace.resolve("quickstats/stats.py");
    Files.writeString(stats, Files.readString(stats) + "\n# touched\n");
    assertThat(critic.critique(fixture().request(2, "review", 100_000, 100)).signal())
        .isEqualTo(Signal.APPROVE);
  }

  @Test
  void runner_runsTheRepositoryTestsInTheSandbox() {
    RunnerActivities runner =
        stub(
            RunnerActivities.class,
            new RunnerActivitiesImpl(
                new StubBackend(
                    StubScript.fixed(
                        "{\"action\":\"tests\"}",
                        "{\"action\":\"script\",\"path\":\"../../etc/passwd\"}")),
                fixture().tasks,
                TestSandboxes.best(),
                CallObserver.NONE));
    RoleReply tests = runner.runTests(fixture().request(1, "check", 100_000, 50));
    assertThat(tests.text()).startsWith("Ran `" + fixture().task.testCmd() + "`");
    assertThat(tests.signal()).isIn(Signal.TESTS_PASSED, Signal.TESTS_FAILED);
    RoleReply escape = runner.runTests(fixture().request(2, "check", 100_000, 50));
    assertThat(escape.signal()).isEqualTo(Signal.TESTS_FAILED);
    assertThat(escape.text()).contains("Nothing was run").contains("no script");
  }

  @Test
  void summarizer_replacesTheSubjectsConversationWithASummary() {
    StubBackend model = new StubBackend(StubScript.fixed("long plan text ".repeat(30)));
    PlannerActivities planner =
        stub(
            PlannerActivities.class,
            new PlannerActivitiesImpl(model, fixture().tasks, CallObserver.NONE));
    for (int turn = 1; turn <= 3; turn++) {
      planner.plan(fixture().request(turn, "round " + turn, 100_000, 100));
    }
    SessionStore store = new SessionStore(fixture().sessions);
    int before = store.before(Role.PLANNER, 4).size();
    SummarizerActivities summarizer =
        stub(
            SummarizerActivities.class,
            new SummarizerActivitiesImpl(
                new StubBackend(StubScript.fixed("We changed stats.py.")), CallObserver.NONE));
    RoleReply summary =
        summarizer.summarize(fixture().request(1, "summarize", 100_000, 100, Role.PLANNER));
    var after = store.before(Role.PLANNER, 4);
    assertThat(before).isEqualTo(7);
    assertThat(after).hasSize(3);
    assertThat(after.get(2).content())
        .isEqualTo("Summary of the work so far: We changed stats.py.");
    assertThat(summary.sessionTokens()).isPositive();
    // A retried attempt starts from the original conversation, not from the summary.
    summarizer.summarize(fixture().request(1, "summarize", 100_000, 100, Role.PLANNER));
    assertThat(store.before(Role.PLANNER, 4)).hasSize(3);
    assertThat(Files.exists(fixture().sessions.resolve("planner.before-summary-1.jsonl"))).isTrue();
  }
}
