package dev.apex.workflows.testkit;

import dev.apex.workflows.ApexSearchAttributes;
import dev.apex.workflows.TaskQueues;
import dev.apex.workflows.WorkflowTypes;
import dev.apex.workflows.batch.BatchEvalWorkflow;
import dev.apex.workflows.batch.BatchInput;
import dev.apex.workflows.episode.DescribeProgressActivities;
import dev.apex.workflows.episode.EpisodeInput;
import dev.apex.workflows.episode.EpisodeWorkflow;
import dev.apex.workflows.episode.ProgressActivities;
import dev.apex.workflows.episode.TimeRule;
import dev.apex.workflows.policy.PolicySettings;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.TaskRef;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.ActivityCompletionClient;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A time-skipping test environment: the episode and batch workflows on their queue, recording fakes
 * for their steps, scripted fakes on the five role queues, and a progress probe.
 */
public final class EpisodeTestKit implements AutoCloseable {

  public final TestWorkflowEnvironment env;
  public final BlockingQueue<ScriptedRoles.Parked> parked = new LinkedBlockingQueue<>();
  public final Map<Role, ScriptedRoles> roles = new EnumMap<>(Role.class);
  public final FakeEpisodeSteps steps = new FakeEpisodeSteps();
  public final FakeBatchSteps batchSteps = new FakeBatchSteps(steps);

  /** With the real progress probe, which reads heartbeats from the test server. */
  public EpisodeTestKit() {
    this(null);
  }

  /** With {@code probe} (given the environment) instead of the real progress probe. */
  public EpisodeTestKit(@Nullable Function<TestWorkflowEnvironment, ProgressActivities> probe) {
    this(probe, Set.of());
  }

  /** With the real progress probe and no worker at all for {@code absent}'s queues. */
  public static EpisodeTestKit without(Set<Role> absent) {
    return new EpisodeTestKit(null, absent);
  }

  private EpisodeTestKit(
      @Nullable Function<TestWorkflowEnvironment, ProgressActivities> probe, Set<Role> absent) {
    env = TestWorkflowEnvironment.newInstance();
    for (SearchAttributeKey<?> key : ApexSearchAttributes.ALL) {
      env.registerSearchAttribute(
          key.getName(),
          key.equals(ApexSearchAttributes.TOKENS)
              ? IndexedValueType.INDEXED_VALUE_TYPE_INT
              : IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    Worker episodes = env.newWorker(TaskQueues.EPISODES);
    WorkflowTypes.register(episodes);
    episodes.registerActivitiesImplementations(
        steps,
        batchSteps,
        probe != null
            ? probe.apply(env)
            : new DescribeProgressActivities(
                env.getWorkflowServiceStubs(),
                env.getNamespace(),
                DefaultDataConverter.STANDARD_INSTANCE));
    for (Role role : Role.values()) {
      ScriptedRoles fake = new ScriptedRoles(role, parked);
      roles.put(role, fake);
      if (!absent.contains(role)) {
        env.newWorker(role.taskQueue()).registerActivitiesImplementations(fake);
      }
    }
    env.start();
  }

  public ScriptedRoles role(Role role) {
    ScriptedRoles fake = roles.get(role);
    if (fake == null) {
      throw new IllegalStateException("no fake for " + role);
    }
    return fake;
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  public ActivityCompletionClient completions() {
    return env.getWorkflowClient().newActivityCompletionClient();
  }

  public EpisodeWorkflow newEpisode(String workflowId) {
    return client()
        .newWorkflowStub(
            EpisodeWorkflow.class,
            TaskQueues.onEpisodes(workflowId)
                .setWorkflowRunTimeout(TimeRule.DEFAULTS.runTimeout())
                .build());
  }

  public BatchEvalWorkflow newBatch(String workflowId) {
    return client()
        .newWorkflowStub(BatchEvalWorkflow.class, TaskQueues.onEpisodes(workflowId).build());
  }

  /** A batch input from the fields a user passes as JSON, decoded as the worker decodes them. */
  public static BatchInput batchInput(Map<String, Object> json) {
    DataConverter converter = DefaultDataConverter.STANDARD_INSTANCE;
    return converter.fromPayload(
        converter.toPayload(json).orElseThrow(), BatchInput.class, BatchInput.class);
  }

  /** The histories of a workflow's runs, from {@code firstRunId} along its continuations. */
  public List<WorkflowExecutionHistory> runs(String workflowId, String firstRunId) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    String runId = firstRunId;
    while (runId != null) {
      WorkflowExecutionHistory run = client().fetchHistory(workflowId, runId);
      runs.add(run);
      HistoryEvent last = run.getLastEvent();
      runId =
          last.hasWorkflowExecutionContinuedAsNewEventAttributes()
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }
    return runs;
  }

  /** A batch as {@code temporal workflow start --type BatchEval} starts it: untyped, JSON input. */
  public WorkflowStub untypedBatch(String workflowId) {
    return client()
        .newUntypedWorkflowStub(BatchEvalWorkflow.TYPE, TaskQueues.onEpisodes(workflowId).build());
  }

  /**
   * The policy settings these episode tests were written for: four rounds of up to 384 tokens, more
   * than the production defaults, so a round trip through every role fits one episode.
   */
  public static final PolicySettings SETTINGS = new PolicySettings(4, 384, 1536);

  public static EpisodeInput input(String policy, int budget) {
    return input(policy, budget, TimeRule.DEFAULTS);
  }

  public static EpisodeInput input(String policy, int budget, TimeRule rule) {
    return new EpisodeInput(
        new TaskRef("demo-1", "/tasks/tasks.jsonl"),
        policy,
        budget,
        "swe",
        rule,
        SETTINGS,
        "/runs/r1",
        null,
        null);
  }

  /** Waits in real time for the next parked call. */
  public ScriptedRoles.Parked nextParked(Duration timeout) throws InterruptedException {
    ScriptedRoles.Parked call = parked.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (call == null) {
      throw new AssertionError("no role call arrived within " + timeout);
    }
    return call;
  }

  @Override
  public void close() {
    env.close();
  }
}
