package org.example.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StopwatchTest {

  /** A clock the test moves by hand. */
  static final class FakeClock {
    long now = 1_000;

    long read() {
      return now;
    }
  }

  @Test
  void accumulatesIntervals() {
    FakeClock clock = new FakeClock();
    Stopwatch watch = new Stopwatch(clock::read);
    watch.start();
    clock.now += 50;
    watch.stop();
    clock.now += 1_000;
    watch.start();
    clock.now += 25;
    watch.stop();
    assertEquals(75, watch.elapsedNanos());
  }

  @Test
  void lapsCountAndReportElapsed() {
    FakeClock clock = new FakeClock();
    Stopwatch watch = new Stopwatch(clock::read);
    watch.start();
    clock.now += 10;
    assertEquals(10, watch.lap());
    assertEquals(1, watch.laps());
  }

  @Test
  void stopWhenStoppedFails() {
    assertThrows(IllegalStateException.class, () -> Stopwatch.systemClock().stop());
  }

  @Test
  void resetWhenStopped() {
    FakeClock clock = new FakeClock();
    Stopwatch watch = new Stopwatch(clock::read);
    watch.start();
    clock.now += 10;
    watch.stop();
    watch.reset();
    assertEquals(0, watch.elapsedNanos());
    assertFalse(watch.isRunning());
  }
}
