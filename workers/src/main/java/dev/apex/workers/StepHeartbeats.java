package dev.apex.workers;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Heartbeats every activity of the episode worker (preparing the working copy, recording results,
 * the batch's steps) once a second while it runs, so that when the worker dies mid-step the server
 * notices within the step's heartbeat timeout and runs the step again elsewhere, instead of waiting
 * out its start-to-close timeout (minutes: the test run's allowance plus two). The steps themselves
 * stay free of Temporal calls. Grading heartbeats on its own as well, to learn when its attempt is
 * over; the two do not interfere (the SDK sends at most one heartbeat per throttle interval). Local
 * activities are left alone: they have no heartbeats.
 */
final class StepHeartbeats extends WorkerInterceptorBase {

  static final Duration EVERY = Duration.ofSeconds(1);

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "step-heartbeats");
        thread.setDaemon(true);
        return thread;
      });

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private @Nullable ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        ActivityExecutionContext step = context;
        if (step == null || step.getInfo().isLocal()) {
          return super.execute(input);
        }
        ScheduledFuture<?>[] beats = new ScheduledFuture<?>[1];
        beats[0] =
            timer.scheduleAtFixedRate(
                () -> {
                  try {
                    step.heartbeat(null);
                  } catch (ActivityCompletionException e) {
                    // Cancelled or timed out: the step's result will be dropped; stop beating.
                    beats[0].cancel(false);
                  } catch (RuntimeException e) {
                    // A failed heartbeat RPC is retried on the next tick.
                  }
                },
                0,
                EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
          return super.execute(input);
        } finally {
          beats[0].cancel(false);
        }
      }
    };
  }
}
