package dev.apex.workflows;

/** Task queues that are not a role's own; each role's queue is {@code Role.taskQueue()}. */
public final class TaskQueues {

  /** Episode and batch workflows and their non-LLM activities. */
  public static final String EPISODES = "apex-episodes";

  private TaskQueues() {}
}
