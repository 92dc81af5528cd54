package dev.apex.workflows.episode;

import dev.apex.workflows.roles.HeartbeatProgress;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DataConverterException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads pending activities' latest heartbeat details from the server. Runs as a local activity in
 * the episode worker; the only I/O is one describe call per deadline check.
 */
public final class DescribeProgressActivities implements ProgressActivities {

  private final WorkflowServiceStubs service;
  private final String namespace;
  private final DataConverter converter;

  public DescribeProgressActivities(
      WorkflowServiceStubs service, String namespace, DataConverter converter) {
    this.service = service;
    this.namespace = namespace;
    this.converter = converter;
  }

  @Override
  public Map<String, Long> pendingProgress(String workflowId) {
    var response =
        service
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(namespace)
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .build());
    Map<String, Long> progress = new HashMap<>();
    for (PendingActivityInfo pending : response.getPendingActivitiesList()) {
      String key = pending.getActivityId() + "#" + pending.getAttempt();
      if (pending.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED
          && pending.hasScheduledTime()) {
        progress.put(PendingCalls.WAITING + key, scheduledMillis(pending));
      } else {
        progress.put(key, units(pending));
      }
    }
    return progress;
  }

  private static long scheduledMillis(PendingActivityInfo pending) {
    var time = pending.getScheduledTime();
    return java.time.Instant.ofEpochSecond(time.getSeconds(), time.getNanos()).toEpochMilli();
  }

  private long units(PendingActivityInfo pending) {
    if (!pending.hasHeartbeatDetails() || pending.getHeartbeatDetails().getPayloadsCount() == 0) {
      return 0;
    }
    try {
      HeartbeatProgress details =
          converter.fromPayloads(
              0,
              Optional.of(pending.getHeartbeatDetails()),
              HeartbeatProgress.class,
              HeartbeatProgress.class);
      return details == null ? 0 : details.progressUnits();
    } catch (DataConverterException e) {
      // Details in another shape carry no progress we can read.
      return 0;
    }
  }
}
