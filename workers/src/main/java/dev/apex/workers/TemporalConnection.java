package dev.apex.workers;

import com.uber.m3.tally.Scope;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;

/** Connects to the Temporal frontend, failing with one clear line when it is not there. */
public final class TemporalConnection {

  // Generous: six JVMs starting at once on two busy cores took over 10 s to make the first call.
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  private TemporalConnection() {}

  public static WorkflowClient connect(
      String address, String namespace, String identity, Scope metricsScope) {
    WorkflowServiceStubs service;
    try {
      service =
          WorkflowServiceStubs.newConnectedServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget(address)
                  .setMetricsScope(metricsScope)
                  .build(),
              CONNECT_TIMEOUT);
    } catch (RuntimeException e) {
      throw new TemporalUnreachableException(
          "cannot reach Temporal at "
              + address
              + " ("
              + e.getMessage()
              + "; start the dev server with temporal-dev/start.sh, or set TEMPORAL_ADDRESS)",
          e);
    }
    return WorkflowClient.newInstance(
        service,
        WorkflowClientOptions.newBuilder().setNamespace(namespace).setIdentity(identity).build());
  }

  public static WorkflowClient connect(String address, String namespace, String identity) {
    return connect(address, namespace, identity, new com.uber.m3.tally.NoopScope());
  }
}
