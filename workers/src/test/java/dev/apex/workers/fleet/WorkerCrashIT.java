package dev.apex.workers.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.activities.batch.WorkerIdentity;
import dev.apex.activities.episode.RunFiles;
import dev.apex.activities.roles.SessionStore;
import dev.apex.backends.ChatMessage;
import dev.apex.workers.testing.EveryRolePolicy;
import dev.apex.workers.testing.TestFleet;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.EpisodeWorkflow;
import dev.apex.workflows.episode.Outcome;
import dev.apex.workflows.episode.TimeRule;
import dev.apex.workflows.policy.PolicySettings;
import dev.apex.workflows.roles.HeartbeatProgress;
import dev.apex.workflows.roles.Role;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A role worker killed with SIGKILL in the middle of a generation: the server notices the missing
 * heartbeats and retries the call, the supervisor restarts the worker after its backoff, and the
 * episode completes with every call accounted for.
 */
class WorkerCrashIT {

  /** A 5 s heartbeat timeout makes the retry quick; the rest is generous for a busy machine. */
  private static final TimeRule RULE = new TimeRule(900, 120, 1200, 300, 5, 120, 1, null);

  /** Long enough completions that a generation is still running when the test sees it. */
  private static final PolicySettings LONGER_CALLS = new PolicySettings(1, 160, 1536);

  @TempDir Path runDir;

  private TestFleet fleet;

  @AfterEach
  void down() {
    if (fleet != null) {
      fleet.close();
    }
  }

  @Test
  void roleWorkerKilledMidGeneration_callIsRetried_workerRestarted_episodeCompletes()
      throws Exception {
    fleet = TestFleet.up();
    String id = "crash-it-" + UUID.randomUUID();
    EpisodeWorkflow episode =
        fleet.start(id, fleet.episode(EveryRolePolicy.NAME, 40_000, RULE, LONGER_CALLS, runDir));

    PendingActivityInfo generating = awaitGeneration(id);
    String identity = generating.getLastWorkerIdentity();
    Role role = WorkerIdentity.warmRole(identity);
    assertThat(role).as(identity).isNotNull();
    long pid = Long.parseLong(identity.substring(identity.lastIndexOf(':') + 1));
    assertThat(fleet.supervisor().pids().get(role.id())).isEqualTo(pid);
    assertThat(new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor()).isZero();

    EpisodeResult result =
        WorkflowStub.fromTyped(episode).getResult(15, TimeUnit.MINUTES, EpisodeResult.class);

    // The episode completed with nothing lost: its outcome recorded, all five calls counted.
    assertThat(result.outcome()).as(result.reason()).isIn(Outcome.RESOLVED, Outcome.UNRESOLVED);
    assertThat(result.llmCalls()).isEqualTo(5);
    assertThat(result.callTokens()).hasSize(5);
    assertThat(RunFiles.episodeFile(runDir, TestFleet.TASK)).exists();
    // The killed call ran again, after the server's heartbeat timeout, on the restarted worker.
    HistoryEvent started = startedEventOf(id, generating.getActivityId());
    assertThat(started.getActivityTaskStartedEventAttributes().getAttempt())
        .isGreaterThanOrEqualTo(2);
    assertThat(
            started
                .getActivityTaskStartedEventAttributes()
                .getLastFailure()
                .getTimeoutFailureInfo()
                .getTimeoutType())
        .isEqualTo(TimeoutType.TIMEOUT_TYPE_HEARTBEAT);
    assertThat(started.getActivityTaskStartedEventAttributes().getIdentity())
        .doesNotEndWith(":" + pid);
    // The supervisor restarted the worker and recorded why it died.
    assertThat(fleet.supervisor().restarts().get(role.id())).isEqualTo(1);
    assertThat(fleet.supervisor().lastExits().get(role.id()))
        .isEqualTo("killed by SIGKILL (exit code 137)");
    JsonNode entry = stateEntry(role);
    assertThat(entry.path("restarts").asInt()).isEqualTo(1);
    assertThat(entry.path("last_exit").asText()).isEqualTo("killed by SIGKILL (exit code 137)");
    assertThat(entry.path("pid").asLong()).isNotEqualTo(pid);
    assertThat(fleet.status(role.id()).path("calls").asInt()).isEqualTo(1);
    // The retried turn replaced what the killed attempt may have left: one reply, once.
    List<ChatMessage> session =
        new SessionStore(runDir.resolve("sessions").resolve(id)).before(role, Integer.MAX_VALUE);
    assertThat(session.stream().filter(m -> m.role() == ChatMessage.Role.ASSISTANT)).hasSize(1);
  }

  /**
   * Waits until a role call of the episode reports, through its heartbeat, that it is decoding,
   * with tokens produced and most of its allowance still ahead, while its worker says it is busy.
   */
  private PendingActivityInfo awaitGeneration(String workflowId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (PendingActivityInfo pending : pendingActivities(workflowId)) {
        Optional<HeartbeatProgress> progress = progress(pending);
        Role role = WorkerIdentity.warmRole(pending.getLastWorkerIdentity());
        if (role != null
            && pending.getAttempt() == 1
            && progress.isPresent()
            && progress.get().phase().equals("decode")
            && progress.get().completionTokens() > 0
            && progress.get().completionTokens() <= LONGER_CALLS.maxCompletionTokens() / 2
            && fleet.status(role.id()).path("busy").asInt() == 1) {
          return pending;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no role call of " + workflowId + " was seen generating");
  }

  private List<PendingActivityInfo> pendingActivities(String workflowId) {
    return fleet
        .service()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(fleet.server().namespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build())
        .getPendingActivitiesList();
  }

  private static Optional<HeartbeatProgress> progress(PendingActivityInfo pending) {
    if (!pending.hasHeartbeatDetails() || pending.getHeartbeatDetails().getPayloadsCount() == 0) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
            0,
            Optional.of(pending.getHeartbeatDetails()),
            HeartbeatProgress.class,
            HeartbeatProgress.class));
  }

  /** The started event of the activity's last attempt, as the history keeps it. */
  private HistoryEvent startedEventOf(String workflowId, String activityId) {
    List<HistoryEvent> events = fleet.client().fetchHistory(workflowId).getEvents();
    long scheduled =
        events.stream()
            .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
            .filter(
                e -> e.getActivityTaskScheduledEventAttributes().getActivityId().equals(activityId))
            .findFirst()
            .orElseThrow()
            .getEventId();
    return events.stream()
        .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
        .filter(e -> e.getActivityTaskStartedEventAttributes().getScheduledEventId() == scheduled)
        .findFirst()
        .orElseThrow();
  }

  private JsonNode stateEntry(Role role) throws IOException {
    for (JsonNode entry : new ObjectMapper().readTree(fleet.stateFile().toFile()).path("workers")) {
      if (entry.path("name").asText().equals(role.id())) {
        return entry;
      }
    }
    throw new AssertionError("no " + role.id() + " in " + fleet.stateFile());
  }
}
