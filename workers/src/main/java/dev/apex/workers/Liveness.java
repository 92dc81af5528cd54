package dev.apex.workers;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A worker's pulse, taken from its calls to the Temporal server: while a poll is waiting on the
 * server the worker is alive; otherwise its age is the time since its last call (a poll, a
 * heartbeat, a completion) ended. A poller stuck before its next poll, or a role call stuck in
 * native code (its heartbeats stop), makes the age grow; the supervisor restarts a worker whose age
 * passes its threshold (see {@code Supervisor}). Polls also wait for the server instead of failing
 * while it is away, so a restarted server finds every poller waiting rather than backing off (the
 * SDK's poller doubles its pause after each failed poll, up to a minute). Thread-safe.
 */
public final class Liveness implements ClientInterceptor {

  private final AtomicInteger pollsInFlight = new AtomicInteger();
  private final AtomicLong lastCallEnded;
  private final LongSupplier clock;

  public Liveness() {
    this(System::nanoTime);
  }

  Liveness(LongSupplier clock) {
    this.clock = clock;
    this.lastCallEnded = new AtomicLong(clock.getAsLong());
  }

  /** Zero while a poll waits on the server, else the time since the last call ended. */
  public Duration age() {
    if (pollsInFlight.get() > 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos(Math.max(0, clock.getAsLong() - lastCallEnded.get()));
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    boolean poll = isPoll(method.getBareMethodName());
    ClientCall<Q, R> call = next.newCall(method, poll ? options.withWaitForReady() : options);
    return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        if (poll) {
          pollsInFlight.incrementAndGet();
        }
        super.start(
            new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onClose(Status status, Metadata trailers) {
                lastCallEnded.set(clock.getAsLong());
                if (poll) {
                  pollsInFlight.decrementAndGet();
                }
                super.onClose(status, trailers);
              }
            },
            headers);
      }
    };
  }

  /** The long polls for workflow, activity and Nexus tasks. */
  static boolean isPoll(@Nullable String method) {
    return method != null && method.startsWith("Poll") && method.endsWith("TaskQueue");
  }
}
