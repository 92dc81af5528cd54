package dev.apex.workflows.batch;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A batch evaluation: one child episode per task, under a concurrency limit, paged with
 * continue-as-new. Start it as type {@code BatchEval} on task queue {@code apex-episodes}.
 */
@WorkflowInterface
public interface BatchEvalWorkflow {

  /**
   * Workflow type name, as {@code temporal workflow start --type} takes it; recorded histories and
   * users' scripts name it, so it stays whatever the Java names become.
   */
  String TYPE = "BatchEval";

  @WorkflowMethod(name = TYPE)
  BatchReport run(BatchInput input);

  @QueryMethod
  BatchProgress progress();
}
