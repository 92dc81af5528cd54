package dev.apex.workflows.episode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.apex.workflows.roles.Role;
import dev.apex.workflows.testkit.EpisodeTestKit;
import dev.apex.workflows.testkit.PacedPolicy;
import dev.apex.workflows.testkit.SimulatedProgress;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The time rule on simulated time with its defaults: 30 min base, +2 min while progress continues,
 * 60 min cap. A paced test policy makes its calls take simulated time; the role activities
 * themselves answer at once.
 */
@Isolated
class EpisodeTimeRuleTest {

  private EpisodeTestKit kit = new EpisodeTestKit();

  @AfterEach
  void close() {
    kit.close();
    PacedPolicy.callEvery = Duration.ofSeconds(90);
    PacedPolicy.workUntil = Duration.ofDays(1);
  }

  private EpisodeResult run(String id, Duration callEvery, Duration workUntil) {
    PacedPolicy.callEvery = callEvery;
    PacedPolicy.workUntil = workUntil;
    return kit.newEpisode(id).run(EpisodeTestKit.input(PacedPolicy.NAME, 1_000_000));
  }

  @Test
  void deadline_noProgress_timesOutAtBase() {
    EpisodeResult end = run("no-progress", Duration.ofSeconds(90), Duration.ZERO);
    assertThat(end.outcome()).as(end.reason()).isEqualTo(Outcome.TIMEOUT);
    assertThat(end.deadlineExtensions()).isZero();
    assertThat(end.durationS()).isCloseTo(30 * 60, offset(1.0));
    assertThat(end.reason()).contains("no progress").contains("30 min");
    assertThat(end.llmCalls()).isZero();
  }

  @Test
  void deadline_progressContinues_extendsInStepsToCap() {
    EpisodeResult end = run("steady", Duration.ofSeconds(90), Duration.ofDays(1));
    assertThat(end.outcome()).as(end.reason()).isEqualTo(Outcome.TIMEOUT);
    assertThat(end.deadlineExtensions()).isEqualTo(15);
    assertThat(end.durationS()).isCloseTo(60 * 60, offset(1.0));
    assertThat(end.reason()).contains("hard cap of 60 min");
    // Calls at 1.5, 3, ..., 58.5 min; the deadline at 60 min wins the race with the 40th.
    assertThat(end.llmCalls()).isEqualTo(39);
  }

  @Test
  void deadline_progressStopsAfterExtensions_timesOutAtNextCheck() {
    // Calls complete every 90 s up to 34.5 min: the checks at 30, 32, 34 and 36 min see
    // progress, the check at 38 min sees none.
    EpisodeResult end = run("stops", Duration.ofSeconds(90), Duration.ofMinutes(35));
    assertThat(end.outcome()).as(end.reason()).isEqualTo(Outcome.TIMEOUT);
    assertThat(end.deadlineExtensions()).isEqualTo(4);
    assertThat(end.durationS()).isCloseTo(38 * 60, offset(1.0));
    assertThat(end.llmCalls()).isEqualTo(23);
  }

  @Test
  void deadline_runningCallsHeartbeatGrowth_countsAsProgress() {
    // No call completes, but a running call's heartbeats report more tokens until 40 min: the
    // checks at 30, 32, ..., 40 min extend (6 times, to 42 min); the check at 42 min does not.
    kit.close();
    kit = new EpisodeTestKit(env -> new SimulatedProgress(env, Duration.ofMinutes(40).toMillis()));
    EpisodeResult end = run("long-call", Duration.ofSeconds(90), Duration.ZERO);
    assertThat(end.outcome()).as(end.reason()).isEqualTo(Outcome.TIMEOUT);
    assertThat(end.deadlineExtensions()).isEqualTo(6);
    assertThat(end.durationS()).isCloseTo(42 * 60, offset(1.0));
  }

  // The test server does not skip time while an activity waits with no worker polling its queue,
  // so these two run in real time on short limits (about 15 s each).

  @Test
  void noWorker_forTheCoder_endsAsErrorNamingItsQueue_notTimeout() {
    kit.close();
    kit = EpisodeTestKit.without(Set.of(Role.CODER));
    TimeRule rule = new TimeRule(1800, 120, 3600, 180, 30, 120, 1, 12);
    EpisodeResult end =
        kit.newEpisode("no-coder").run(EpisodeTestKit.input("single_agent", 100_000, rule));
    assertThat(end.outcome()).as(end.reason()).isEqualTo(Outcome.ERROR);
    assertThat(end.reason()).isEqualTo("no apex-coder worker polled for 12 s");
    assertThat(end.durationS()).isCloseTo(12, offset(3.0));
    assertThat(end.llmCalls()).isZero();
  }

  @Test
  void noWorker_waitLongerThanTheDeadline_doesNotCountAgainstIt() {
    // Deadline 5 s, no Coder worker for up to 12 s: the checks at 5 and about 10 s find the call
    // still waiting and move the deadline by the wait, so the episode ends when the wait does
    // (ERROR, infrastructure), not at 5 s as a TIMEOUT charged to the policy.
    kit.close();
    kit = EpisodeTestKit.without(Set.of(Role.CODER));
    TimeRule rule = new TimeRule(5, 5, 600, 5, 2, 5, 1, 12);
    EpisodeResult end =
        kit.newEpisode("slow-coder").run(EpisodeTestKit.input("single_agent", 100_000, rule));
    assertThat(end.outcome()).as(end.reason()).isEqualTo(Outcome.ERROR);
    assertThat(end.reason()).isEqualTo("no apex-coder worker polled for 12 s");
    assertThat(end.durationS()).isCloseTo(12, offset(3.0));
    assertThat(end.deadlineExtensions()).isZero();
  }

  @Test
  void deadline_workFinishesInTime_noTimeout() {
    EpisodeResult end = kit.newEpisode("quick").run(EpisodeTestKit.input("static_star", 100_000));
    assertThat(end.outcome()).isEqualTo(Outcome.RESOLVED);
    assertThat(end.deadlineExtensions()).isZero();
    assertThat(end.durationS()).isLessThan(60);
  }
}
