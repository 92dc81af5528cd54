package dev.apex.activities.roles;

import dev.apex.workflows.roles.HeartbeatProgress;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Heartbeats a role call every second from its start, prompt processing included, with its progress
 * as details. Stops heartbeating when decoding stalls, so the server's heartbeat timeout notices a
 * hung model; remembers a cancellation so the generating thread can stop between tokens. Setters
 * are called from the generating thread, heartbeats go from a timer thread.
 */
final class CallHeartbeat implements AutoCloseable {

  static final Duration EVERY = Duration.ofSeconds(1);

  private final ActivityExecutionContext context;
  private final long stallNanos;
  private final ScheduledExecutorService timer;
  private final ScheduledFuture<?> ticks;
  private volatile String phase;
  private volatile int promptTokens;
  private volatile int completionTokens;
  private volatile long outputBytes;
  private volatile long lastTokenNanos;
  private final long startNanos = System.nanoTime();
  private volatile @Nullable ActivityCompletionException stopped;

  /** Starts heartbeating at once, in {@code phase} with {@code promptTokens} known. */
  CallHeartbeat(ActivityExecutionContext context, Duration stall, String phase, int promptTokens) {
    this.context = context;
    this.phase = phase;
    this.promptTokens = promptTokens;
    this.stallNanos = stall.toNanos();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(r -> {
          Thread thread = new Thread(r, "heartbeat-" + context.getInfo().getActivityId());
          thread.setDaemon(true);
          return thread;
        });
    beat();
    ticks =
        timer.scheduleAtFixedRate(
            this::beat, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  void token(int produced) {
    if (completionTokens == 0) {
      phase = "decode";
    }
    completionTokens = produced;
    lastTokenNanos = System.nanoTime();
  }

  void output(long bytes) {
    outputBytes = bytes;
  }

  /** Why the call must stop (cancelled, timed out, workflow gone), or null to go on. */
  @Nullable ActivityCompletionException stopped() {
    return stopped;
  }

  HeartbeatProgress details() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double speed = seconds > 0 ? completionTokens / seconds : 0;
    return new HeartbeatProgress(phase, promptTokens, completionTokens, speed, outputBytes);
  }

  private void beat() {
    boolean stalled = "decode".equals(phase) && System.nanoTime() - lastTokenNanos > stallNanos;
    if (stalled || stopped != null) {
      return;
    }
    try {
      context.heartbeat(details());
    } catch (ActivityCompletionException e) {
      stopped = e;
    } catch (RuntimeException e) {
      // A failed heartbeat RPC is retried on the next tick; the server's timeout is the judge.
    }
  }

  @Override
  public void close() {
    ticks.cancel(false);
    timer.shutdownNow();
  }
}
