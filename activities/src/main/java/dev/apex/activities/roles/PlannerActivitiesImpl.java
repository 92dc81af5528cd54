package dev.apex.activities.roles;

import dev.apex.activities.tasks.Task;
import dev.apex.backends.ModelBackend;
import dev.apex.workflows.roles.PlannerActivities;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RoleReply;
import dev.apex.workflows.roles.RoleRequest;
import dev.apex.workflows.roles.Signal;
import java.nio.file.Path;

/** The Planner on the pinned model: sees the issue and the file list, directs the Coder. */
public final class PlannerActivitiesImpl implements PlannerActivities {

  private final LlmCall llm;
  private final TaskCatalog tasks;

  public PlannerActivitiesImpl(ModelBackend model, TaskCatalog tasks, CallObserver observer) {
    this.llm = new LlmCall(model, observer);
    this.tasks = tasks;
  }

  @Override
  public RoleReply plan(RoleRequest request) {
    Task task = tasks.get(request.task());
    String opening =
        Prompts.issue(task, request.mode())
            + "\n\n"
            + RepoOverview.listing(Path.of(request.workspace()));
    LlmCall.Result result =
        llm.run(Role.PLANNER, request, Prompts.PLANNER, opening, request.message(), null);
    return Replies.of(result, Signal.NONE);
  }
}
