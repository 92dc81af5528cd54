package dev.apex.workflows.episode;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One evaluation episode: a policy works on one task under a token budget and the time rule. */
@WorkflowInterface
public interface EpisodeWorkflow {

  /** Workflow type name, as {@code temporal workflow start --type} takes it. */
  String TYPE = "Episode";

  /**
   * Runs the episode and returns how it ended. The outcome is recorded (search attributes and the
   * run directory) before the workflow closes, also when it is cancelled.
   */
  @WorkflowMethod(name = TYPE)
  EpisodeResult run(EpisodeInput input);

  /** Live state: the role running now, tokens used, the deadline and its extensions. */
  @QueryMethod
  EpisodeState state();
}
