package dev.apex.workflows;

import dev.apex.workflows.batch.BatchEvalWorkflowImpl;
import dev.apex.workflows.episode.EpisodeWorkflowImpl;
import io.temporal.common.converter.DataConverterException;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;

/** Registers the episode and batch workflows the one way every worker and test does. */
public final class WorkflowTypes {

  /**
   * Input that does not decode (an unknown field, a wrong type: {@code BatchInput} and {@code
   * EpisodeInput} refuse unknown properties) fails the workflow at once with Jackson's message,
   * which names the field, instead of failing its workflow task forever.
   */
  public static final WorkflowImplementationOptions OPTIONS =
      WorkflowImplementationOptions.newBuilder()
          .setFailWorkflowExceptionTypes(DataConverterException.class)
          .build();

  private WorkflowTypes() {}

  public static void register(Worker worker) {
    worker.registerWorkflowImplementationTypes(
        OPTIONS, EpisodeWorkflowImpl.class, BatchEvalWorkflowImpl.class);
  }
}
