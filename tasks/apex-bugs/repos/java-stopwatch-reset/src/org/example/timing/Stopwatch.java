package org.example.timing;

import java.util.function.LongSupplier;

/** Measures elapsed time over one or more start/stop intervals. Not thread-safe. */
public final class Stopwatch {

  private final LongSupplier clock;
  private boolean running;
  private long startedAt;
  private long elapsed;
  private int laps;

  public Stopwatch(LongSupplier nanoClock) {
    this.clock = nanoClock;
  }

  public static Stopwatch systemClock() {
    return new Stopwatch(System::nanoTime);
  }

  public void start() {
    if (running) {
      throw new IllegalStateException("already running");
    }
    startedAt = clock.getAsLong();
    running = true;
  }

  public void stop() {
    if (!running) {
      throw new IllegalStateException("not running");
    }
    elapsed += clock.getAsLong() - startedAt;
    running = false;
  }

  /** Counts a lap and returns the elapsed time so far. */
  public long lap() {
    laps++;
    return elapsedNanos();
  }

  public long elapsedNanos() {
    return running ? elapsed + clock.getAsLong() - startedAt : elapsed;
  }

  public int laps() {
    return laps;
  }

  public boolean isRunning() {
    return running;
  }

  /** Stops the watch and sets the elapsed time and lap count to zero. */
  public void reset() {
    elapsed = 0;
    laps = 0;
  }
}
