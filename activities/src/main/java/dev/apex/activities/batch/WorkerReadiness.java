package dev.apex.activities.batch;

import dev.apex.workflows.roles.Role;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Whether each role queue has a live, warm worker: a poller with a warm worker's identity seen
 * recently. A one-slot worker stops polling while it generates, so "recently" spans a whole call.
 */
public final class WorkerReadiness {

  /** A poller seen within this long counts as live; longer than the longest LLM call. */
  public static final Duration LIVE_WITHIN = Duration.ofMinutes(4);

  private final WorkflowServiceStubs service;
  private final String namespace;

  public WorkerReadiness(WorkflowServiceStubs service, String namespace) {
    this.service = service;
    this.namespace = namespace;
  }

  /** The roles without a live, warm worker now. */
  public Set<Role> missing() {
    Set<Role> missing = EnumSet.noneOf(Role.class);
    for (Role role : Role.values()) {
      if (!ready(role)) {
        missing.add(role);
      }
    }
    return missing;
  }

  /** Waits until no role is missing; returns the roles still missing when time runs out. */
  public Set<Role> await(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Set<Role> missing = missing();
    while (!missing.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      missing = missing();
    }
    return missing;
  }

  /** Identities of the warm workers polling {@code role}'s queue. */
  public List<String> workers(Role role) {
    List<String> identities = new ArrayList<>();
    Instant liveSince = Instant.now().minus(LIVE_WITHIN);
    for (PollerInfo poller : pollers(role)) {
      Instant seen = Instant.ofEpochSecond(poller.getLastAccessTime().getSeconds());
      if (role.equals(WorkerIdentity.warmRole(poller.getIdentity())) && seen.isAfter(liveSince)) {
        identities.add(poller.getIdentity());
      }
    }
    return identities;
  }

  private boolean ready(Role role) {
    return !workers(role).isEmpty();
  }

  private List<PollerInfo> pollers(Role role) {
    return service
        .blockingStub()
        .describeTaskQueue(
            DescribeTaskQueueRequest.newBuilder()
                .setNamespace(namespace)
                .setTaskQueue(TaskQueue.newBuilder().setName(role.taskQueue()))
                .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)
                .build())
        .getPollersList();
  }
}
