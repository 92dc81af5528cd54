package dev.apex.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** A worker's pulse as its calls to the server show it, on a channel that records the calls. */
class LivenessTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Liveness liveness = new Liveness(now::get);
  private final RecordingChannel channel = new RecordingChannel();

  @Test
  void pollWaitingOnTheServer_keepsTheWorkerAlive_howeverLongItWaits() {
    ClientCall.Listener<String> ignored = new ClientCall.Listener<>() {};
    liveness
        .interceptCall(method("PollActivityTaskQueue"), CallOptions.DEFAULT, channel)
        .start(ignored, new Metadata());

    advance(Duration.ofMinutes(5));

    assertThat(liveness.age()).isZero();
  }

  @Test
  void noPollWaiting_ageIsTheTimeSinceTheLastCallEnded() {
    start("PollActivityTaskQueue");
    advance(Duration.ofSeconds(2));
    channel.close(0);
    advance(Duration.ofSeconds(7));

    assertThat(liveness.age()).isEqualTo(Duration.ofSeconds(7));

    start("RecordActivityTaskHeartbeat");
    advance(Duration.ofSeconds(1));
    channel.close(1);
    advance(Duration.ofSeconds(3));

    assertThat(liveness.age()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aFailedCall_isStillASignOfLife_andPollsAloneWaitForAServerThatIsAway() {
    start("PollWorkflowTaskQueue");
    start("RespondActivityTaskCompleted");
    channel.close(1, Status.UNAVAILABLE);
    channel.close(0, Status.UNAVAILABLE);
    advance(Duration.ofSeconds(4));

    assertThat(liveness.age()).isEqualTo(Duration.ofSeconds(4));
    assertThat(channel.options.get(0).isWaitForReady()).isTrue();
    assertThat(channel.options.get(1).isWaitForReady()).isFalse();
    assertThat(Liveness.isPoll("PollNexusTaskQueue")).isTrue();
    assertThat(Liveness.isPoll("GetSystemInfo")).isFalse();
    assertThat(Liveness.isPoll(null)).isFalse();
  }

  private void start(String name) {
    liveness
        .interceptCall(method(name), CallOptions.DEFAULT, channel)
        .start(new ClientCall.Listener<>() {}, new Metadata());
  }

  private void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }

  private static MethodDescriptor<String, String> method(String name) {
    MethodDescriptor.Marshaller<String> text =
        new MethodDescriptor.Marshaller<>() {
          @Override
          public InputStream stream(String value) {
            return new ByteArrayInputStream(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }

          @Override
          public String parse(InputStream stream) {
            return "";
          }
        };
    return MethodDescriptor.<String, String>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(
            MethodDescriptor.generateFullMethodName("temporal.api.workflowservice.v1", name))
        .setRequestMarshaller(text)
        .setResponseMarshaller(text)
        .build();
  }

  /** A channel whose calls end when the test says, with the options each was made with. */
  private static final class RecordingChannel extends Channel {

    final List<CallOptions> options = new ArrayList<>();
    private final List<ClientCall.Listener<?>> listeners = new ArrayList<>();

    void close(int call) {
      close(call, Status.OK);
    }

    void close(int call, Status status) {
      listeners.get(call).onClose(status, new Metadata());
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions callOptions) {
      options.add(callOptions);
      return new ClientCall<>() {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          listeners.add(listener);
        }

        @Override
        public void request(int numMessages) {}

        @Override
        public void cancel(@Nullable String message, @Nullable Throwable cause) {}

        @Override
        public void halfClose() {}

        @Override
        public void sendMessage(Q message) {}
      };
    }

    @Override
    public String authority() {
      return "test";
    }
  }
}
