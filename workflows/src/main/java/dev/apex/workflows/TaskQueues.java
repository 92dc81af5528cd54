package dev.apex.workflows;

import io.temporal.client.WorkflowOptions;

/** Task queues that are not a role's own; each role's queue is {@code Role.taskQueue()}. */
public final class TaskQueues {

  /** Episode and batch workflows and their non-LLM activities. */
  public static final String EPISODES = "apex-episodes";

  private TaskQueues() {}

  /**
   * The options every start of an episode or batch has: its id, on {@link #EPISODES}; a caller adds
   * what else it needs (reuse policy, search attributes, summary).
   */
  public static WorkflowOptions.Builder onEpisodes(String workflowId) {
    return WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(EPISODES);
  }
}
