package dev.apex.activities.episode;

import dev.apex.activities.sandbox.RunGuard;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Heartbeats a grading every few seconds while its sandbox runs. When the server answers that the
 * attempt is over (cancelled, timed out, its workflow gone), kills the attempt's sandbox at once,
 * so that it never runs beside the retry.
 */
final class GradingHeartbeat implements AutoCloseable {

  static final Duration EVERY = Duration.ofSeconds(5);

  private final ActivityExecutionContext context;
  private final RunGuard guard;
  private final ScheduledExecutorService timer;
  private final ScheduledFuture<?> ticks;
  private final long startNanos = System.nanoTime();

  GradingHeartbeat(ActivityExecutionContext context, RunGuard guard) {
    this.context = context;
    this.guard = guard;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(r -> {
          Thread thread = new Thread(r, "grading-heartbeat-" + guard.key());
          thread.setDaemon(true);
          return thread;
        });
    ticks = timer.scheduleAtFixedRate(this::beat, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void beat() {
    try {
      context.heartbeat("grading for " + (System.nanoTime() - startNanos) / 1_000_000_000 + " s");
    } catch (ActivityCompletionException e) {
      guard.revoke();
      timer.shutdown();
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
