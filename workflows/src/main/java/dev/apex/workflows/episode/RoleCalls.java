package dev.apex.workflows.episode;

import dev.apex.workflows.roles.CoderActivities;
import dev.apex.workflows.roles.CriticActivities;
import dev.apex.workflows.roles.PlannerActivities;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RunnerActivities;
import dev.apex.workflows.roles.SummarizerActivities;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Activity stubs for the five roles, each on its own queue, with the time rule's call limits. */
final class RoleCalls {

  /** Attempts of one LLM call: a hung or killed worker's call is retried on a live one. */
  static final int LLM_ATTEMPTS = 4;

  final PlannerActivities planner;
  final CoderActivities coder;
  final RunnerActivities runner;
  final CriticActivities critic;
  final SummarizerActivities summarizer;

  RoleCalls(TimeRule rule) {
    planner = stub(PlannerActivities.class, Role.PLANNER, rule, Duration.ZERO);
    coder = stub(CoderActivities.class, Role.CODER, rule, Duration.ZERO);
    runner = stub(RunnerActivities.class, Role.RUNNER, rule, rule.testRun());
    critic = stub(CriticActivities.class, Role.CRITIC, rule, Duration.ZERO);
    summarizer = stub(SummarizerActivities.class, Role.SUMMARIZER, rule, Duration.ZERO);
  }

  static ActivityOptions options(Role role, TimeRule rule, Duration extra) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(role.taskQueue())
        .setStartToCloseTimeout(rule.llmCall().plus(extra))
        // No worker of this role: the episode ends as ERROR naming the queue (NoWorker), not as
        // a TIMEOUT charged to the policy.
        .setScheduleToStartTimeout(rule.noWorker())
        .setHeartbeatTimeout(rule.heartbeat())
        // The time rule cancels calls in flight; the episode must not wait for them to unwind.
        .setCancellationType(ActivityCancellationType.TRY_CANCEL)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofSeconds(20))
                .setMaximumAttempts(LLM_ATTEMPTS)
                .build())
        .setSummary(role.id())
        .build();
  }

  private static <T> T stub(Class<T> type, Role role, TimeRule rule, Duration extra) {
    return Workflow.newActivityStub(type, options(role, rule, extra));
  }
}
