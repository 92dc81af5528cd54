package dev.apex.activities.roles;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apex.activities.grading.Workspace;
import dev.apex.activities.tasks.Task;
import dev.apex.backends.ModelBackend;
import dev.apex.workflows.roles.CriticActivities;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RoleReply;
import dev.apex.workflows.roles.RoleRequest;
import dev.apex.workflows.roles.Signal;
import java.nio.file.Path;

/** The Critic on the pinned model: reads the diff and the round's results, approves or rejects. */
public final class CriticActivitiesImpl implements CriticActivities {

  private final LlmCall llm;
  private final TaskCatalog tasks;

  public CriticActivitiesImpl(ModelBackend model, TaskCatalog tasks, CallObserver observer) {
    this.llm = new LlmCall(model, observer);
    this.tasks = tasks;
  }

  @Override
  public RoleReply critique(RoleRequest request) {
    Task task = tasks.get(request.task());
    String diff = Workspace.open(Path.of(request.workspace())).diff();
    String message =
        request.message()
            + "\n\nCurrent diff:\n"
            + (diff.isEmpty() ? "(no changes yet)" : Prompts.clip(diff, 3_000));
    LlmCall.Result result =
        llm.run(
            Role.CRITIC,
            request,
            Prompts.CRITIC,
            Prompts.issue(task, request.mode()),
            message,
            Prompts.CRITIC_SCHEMA);
    if (result.exhausted()) {
      return Replies.of(result, Signal.NONE);
    }
    JsonNode verdict = ModelJson.read(result.text());
    boolean approve = "approve".equals(verdict.path("verdict").asText()) && !diff.isEmpty();
    String feedback = verdict.path("feedback").asText(result.text());
    return Replies.of(
        result,
        (approve ? "Approve. " : "Reject. ") + feedback,
        approve ? Signal.APPROVE : Signal.REJECT);
  }
}
