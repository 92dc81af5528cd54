package dev.apex.workers.devserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.apex.workers.testing.DevServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The local dev server keeps finished workflows, and their search attributes, across a restart. */
class DevServerRestartIT {

  private static final SearchAttributeKey<String> TASK = SearchAttributeKey.forKeyword("ApexTask");
  private static final SearchAttributeKey<String> POLICY =
      SearchAttributeKey.forKeyword("ApexPolicy");
  private static final SearchAttributeKey<String> BATCH =
      SearchAttributeKey.forKeyword("ApexBatch");
  private static final SearchAttributeKey<String> OUTCOME =
      SearchAttributeKey.forKeyword("ApexOutcome");
  private static final SearchAttributeKey<Long> TOKENS = SearchAttributeKey.forLong("ApexTokens");

  /** A one-step workflow that sets the attributes an episode sets when it ends. */
  @WorkflowInterface
  public interface ProbeWorkflow {
    @WorkflowMethod
    String run(String input);
  }

  public static final class ProbeWorkflowImpl implements ProbeWorkflow {
    @Override
    public String run(String input) {
      Workflow.upsertTypedSearchAttributes(OUTCOME.valueSet("RESOLVED"), TOKENS.valueSet(42L));
      return "done: " + input;
    }
  }

  @Test
  void finishedWorkflow_stopThenStart_isStillListedByItsSearchAttributes() throws Exception {
    DevServer server = DevServer.ensureRunning();
    assumeTrue(server.isLocal(), "TEMPORAL_ADDRESS names a server this test must not restart");
    String task = "restart-it-" + UUID.randomUUID();

    assertThat(runProbe(server, task)).isEqualTo("done: " + task);
    server.stop();
    assertThat(server.temporal("operator", "cluster", "health").exitCode()).isNotZero();
    server.start();

    String query =
        "ApexTask=\"%s\" AND ApexPolicy=\"probe\" AND ApexBatch=\"%s\" AND ApexOutcome=\"RESOLVED\" AND ApexTokens=42"
            .formatted(task, task);
    DevServer.Result list =
        server.temporal("workflow", "list", "--query", query, "--output", "json");
    assertThat(list.exitCode()).as(list.output()).isZero();
    assertThat(list.output()).contains(task, "WORKFLOW_EXECUTION_STATUS_COMPLETED");
  }

  /** Runs the probe workflow to completion on a worker that is shut down again before returning. */
  private static String runProbe(DevServer server, String task) throws InterruptedException {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(server.namespace()).build());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    try {
      factory.newWorker(task).registerWorkflowImplementationTypes(ProbeWorkflowImpl.class);
      factory.start();
      ProbeWorkflow probe =
          client.newWorkflowStub(
              ProbeWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(task)
                  .setTaskQueue(task)
                  .setWorkflowExecutionTimeout(Duration.ofMinutes(1))
                  .setTypedSearchAttributes(
                      SearchAttributes.newBuilder()
                          .set(TASK, task)
                          .set(POLICY, "probe")
                          .set(BATCH, task)
                          .build())
                  .build());
      return probe.run(task);
    } finally {
      factory.shutdown();
      factory.awaitTermination(10, TimeUnit.SECONDS);
      service.shutdown();
      service.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
