package dev.apex.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An episode step that runs longer than its heartbeat timeout and never heartbeats itself: it
 * completes on a worker with {@link StepHeartbeats}, and times out on one without.
 */
class StepHeartbeatsTest {

  private static final String QUEUE = "steps";

  @Test
  void slowStepThatNeverHeartbeats_completesUnderStepHeartbeats() {
    assertThat(run(true)).isEqualTo("graded");
  }

  @Test
  void slowStepThatNeverHeartbeats_withoutThem_timesOutOnHeartbeat() {
    assertThatThrownBy(() -> run(false))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            TimeoutFailure.class,
            t -> assertThat(t.getTimeoutType()).isEqualTo(TimeoutType.TIMEOUT_TYPE_HEARTBEAT));
  }

  private static String run(boolean heartbeats) {
    WorkerFactoryOptions.Builder factory = WorkerFactoryOptions.newBuilder();
    if (heartbeats) {
      factory.setWorkerInterceptors(new StepHeartbeats());
    }
    try (TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(factory.build())
                .setUseTimeskipping(false)
                .build())) {
      Worker worker = env.newWorker(QUEUE);
      worker.registerWorkflowImplementationTypes(OneStepImpl.class);
      worker.registerActivitiesImplementations(new SlowStepImpl());
      env.start();
      WorkflowClient client = env.getWorkflowClient();
      return client
          .newWorkflowStub(OneStep.class, WorkflowOptions.newBuilder().setTaskQueue(QUEUE).build())
          .run();
    }
  }

  @WorkflowInterface
  public interface OneStep {
    @WorkflowMethod
    String run();
  }

  public static final class OneStepImpl implements OneStep {
    private final SlowStep step =
        Workflow.newActivityStub(
            SlowStep.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setHeartbeatTimeout(Duration.ofSeconds(2))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());

    @Override
    public String run() {
      return step.grade();
    }
  }

  @ActivityInterface
  public interface SlowStep {
    String grade();
  }

  static final class SlowStepImpl implements SlowStep {
    @Override
    public String grade() {
      try {
        Thread.sleep(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "graded";
    }
  }
}
