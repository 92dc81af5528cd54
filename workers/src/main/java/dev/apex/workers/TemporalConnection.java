package dev.apex.workers;

import com.uber.m3.tally.Scope;
import io.grpc.ClientInterceptor;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;

/** Connects to the Temporal frontend, failing with one clear line when it is not there. */
public final class TemporalConnection {

  /**
   * How long a command waits for the frontend; generous, as six JVMs starting at once on two busy
   * cores took over 10 s to make the first call.
   */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /**
   * How long a worker waits: it has loaded its model already and would only load it again after a
   * restart; six workers starting at once on a busy machine can take tens of seconds to connect.
   */
  public static final Duration WORKER_CONNECT_TIMEOUT = Duration.ofMinutes(2);

  private TemporalConnection() {}

  /**
   * While the server is away, how often a worker's channel forgets its reconnect backoff (gRPC's
   * grows to two minutes), so a restarted server is found within this.
   */
  static final Duration RECONNECT_EVERY = Duration.ofSeconds(1);

  /** Service stubs connected to {@code address}; the slow half of a connection. */
  public static WorkflowServiceStubs service(String address, Scope metricsScope, Duration timeout) {
    return service(address, metricsScope, timeout, List.of());
  }

  /**
   * A worker's service stubs: its calls observed by {@code liveness} (which also makes its polls
   * wait for a server that is away), reconnecting within {@link #RECONNECT_EVERY} once the server
   * is back.
   */
  public static WorkflowServiceStubs workerService(
      String address, Scope metricsScope, Liveness liveness) {
    WorkflowServiceStubs service =
        service(address, metricsScope, WORKER_CONNECT_TIMEOUT, List.of(liveness));
    ManagedChannel channel = service.getRawChannel();
    Thread tick =
        new Thread(
            () -> {
              while (!channel.isShutdown()) {
                if (channel.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
                  channel.resetConnectBackoff();
                }
                try {
                  Thread.sleep(RECONNECT_EVERY.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "temporal-reconnect");
    tick.setDaemon(true);
    tick.start();
    return service;
  }

  private static WorkflowServiceStubs service(
      String address, Scope metricsScope, Duration timeout, List<ClientInterceptor> interceptors) {
    try {
      return WorkflowServiceStubs.newConnectedServiceStubs(
          WorkflowServiceStubsOptions.newBuilder()
              .setTarget(address)
              .setMetricsScope(metricsScope)
              .setGrpcClientInterceptors(interceptors)
              // The SDK gives up on the whole connection when its first call (GetSystemInfo)
              // misses this deadline, 5 s by default: too short for six workers starting on a
              // busy machine, so that call may take as long as the connection may.
              .setSystemInfoTimeout(timeout)
              .build(),
          timeout);
    } catch (RuntimeException e) {
      throw new TemporalUnreachableException(
          "cannot reach Temporal at "
              + address
              + " within "
              + timeout.toSeconds()
              + " s (start the dev server with temporal-dev/start.sh, or set TEMPORAL_ADDRESS): "
              + e.getMessage(),
          e);
    }
  }

  public static WorkflowClient client(
      WorkflowServiceStubs service, String namespace, String identity) {
    return WorkflowClient.newInstance(
        service,
        WorkflowClientOptions.newBuilder().setNamespace(namespace).setIdentity(identity).build());
  }

  public static WorkflowClient connect(
      String address, String namespace, String identity, Scope metricsScope) {
    return client(service(address, metricsScope, CONNECT_TIMEOUT), namespace, identity);
  }

  public static WorkflowClient connect(String address, String namespace, String identity) {
    return connect(address, namespace, identity, new com.uber.m3.tally.NoopScope());
  }
}
