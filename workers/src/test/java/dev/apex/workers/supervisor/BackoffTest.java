package dev.apex.workers.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Duration SHORT_RUN = Duration.ofSeconds(2);

  @Test
  void after_workerKeepsDyingQuickly_doublesFromOneSecondToAMinute() {
    Backoff backoff = new Backoff();

    assertThat(backoff.after(SHORT_RUN)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.after(SHORT_RUN)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.after(SHORT_RUN)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.after(SHORT_RUN)).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.after(SHORT_RUN)).isEqualTo(Duration.ofSeconds(16));
    assertThat(backoff.after(SHORT_RUN)).isEqualTo(Duration.ofSeconds(32));
    assertThat(backoff.after(SHORT_RUN)).isEqualTo(Duration.ofMinutes(1));
    assertThat(backoff.after(SHORT_RUN)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void after_aRunThatLastedAMinute_startsAgainFromOneSecond() {
    Backoff backoff = new Backoff();
    for (int i = 0; i < 5; i++) {
      backoff.after(SHORT_RUN);
    }

    assertThat(backoff.after(Duration.ofMinutes(1))).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.after(SHORT_RUN)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void after_aRunJustShortOfAMinute_keepsBackingOff() {
    Backoff backoff = new Backoff();
    backoff.after(SHORT_RUN);
    backoff.after(SHORT_RUN);

    assertThat(backoff.after(Duration.ofSeconds(59))).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void after_never_isShorterThanOneSecond() {
    Backoff backoff = new Backoff();
    for (int i = 0; i < 20; i++) {
      Duration lastRun = i % 3 == 0 ? Duration.ofHours(1) : Duration.ZERO;
      assertThat(backoff.after(lastRun)).isBetween(Duration.ofSeconds(1), Duration.ofMinutes(1));
    }
  }
}
