package dev.apex.workflows.episode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RoleReply;
import dev.apex.workflows.roles.Signal;
import dev.apex.workflows.testkit.CallPlan;
import dev.apex.workflows.testkit.EpisodeTestKit;
import dev.apex.workflows.testkit.ScriptedRoles;
import dev.apex.workflows.testkit.Timelines;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The time rule on simulated time (defaults: 30 min base, +2 min while progress continues, 60 min
 * cap). Role calls are parked; a timeline heartbeats and completes them at chosen simulated times.
 */
class EpisodeTimeRuleTest {

  private static final RoleReply STEP = ScriptedRoles.reply("did a step", 100, 20, Signal.NONE);

  private final EpisodeTestKit kit = new EpisodeTestKit();
  private final Timelines timeline = new Timelines(kit.env);

  @AfterEach
  void close() {
    kit.close();
  }

  private EpisodeResult run(String id, CallPlan plan) {
    for (Role role : Role.values()) {
      kit.role(role).plan(plan);
    }
    EpisodeWorkflow episode = kit.newEpisode(id);
    WorkflowClient.start(episode::run, EpisodeTestKit.input("static_star", 1_000_000));
    return WorkflowStub.fromTyped(episode).getResult(EpisodeResult.class);
  }

  @Test
  void deadline_noProgress_timesOutAtBase() {
    EpisodeResult end = run("no-progress", timeline.heartbeatForever(Timelines.stuck()));
    assertThat(end.outcome()).as(end.reason()).isEqualTo(Outcome.TIMEOUT);
    assertThat(end.deadlineExtensions()).isZero();
    assertThat(end.durationS()).isCloseTo(30 * 60, offset(1.0));
    assertThat(end.reason()).contains("no progress").contains("30 min");
  }

  @Test
  void deadline_progressContinues_extendsInStepsToCap() {
    EpisodeResult end =
        run("steady", timeline.completeEveryUntil(Duration.ofSeconds(90), Long.MAX_VALUE, STEP));
    assertThat(end.outcome()).as(end.reason()).isEqualTo(Outcome.TIMEOUT);
    assertThat(end.deadlineExtensions()).isEqualTo(15);
    assertThat(end.durationS()).isCloseTo(60 * 60, offset(1.0));
    assertThat(end.reason()).contains("hard cap of 60 min");
    assertThat(end.llmCalls()).isEqualTo(40);
  }

  @Test
  void deadline_progressStopsAfterExtensions_timesOutAtNextCheck() {
    // Calls complete every 90 s until 34.5 min. Checks at 30, 32, 34 and 36 min see progress;
    // the check at 38 min sees none.
    long until = Duration.ofSeconds(34 * 60 + 30).toMillis();
    EpisodeResult end =
        run("stops", timeline.completeEveryUntil(Duration.ofSeconds(90), until, STEP));
    assertThat(end.outcome()).as(end.reason()).isEqualTo(Outcome.TIMEOUT);
    assertThat(end.deadlineExtensions()).isEqualTo(4);
    assertThat(end.durationS()).isCloseTo(38 * 60, offset(1.0));
    assertThat(end.reason()).contains("no progress");
  }

  @Test
  void deadline_heartbeatShowsGrowingTokens_countsAsProgress() {
    // One call produces tokens for 40 min (its heartbeats say so) and then stalls: checks at 30,
    // 32, ..., 40 min see growth (6 extensions, to 42 min); the check at 42 min sees none.
    long until = Duration.ofMinutes(40).toMillis();
    EpisodeResult end = run("long-call", timeline.heartbeatForever(Timelines.growingUntil(until)));
    assertThat(end.outcome()).as(end.reason()).isEqualTo(Outcome.TIMEOUT);
    assertThat(end.deadlineExtensions()).isEqualTo(6);
    assertThat(end.durationS()).isCloseTo(42 * 60, offset(1.0));
    assertThat(end.llmCalls()).isZero();
  }
}
