package dev.apex.activities.roles;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apex.activities.edits.EditApplier;
import dev.apex.activities.edits.EditReport;
import dev.apex.activities.grading.ProtectedPaths;
import dev.apex.activities.grading.Workspace;
import dev.apex.activities.tasks.Task;
import dev.apex.backends.ModelBackend;
import dev.apex.workflows.roles.CoderActivities;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RoleReply;
import dev.apex.workflows.roles.RoleRequest;
import dev.apex.workflows.roles.Signal;
import java.nio.file.Path;

/**
 * The Coder on the pinned model: answers with JSON edits under a grammar, which are applied to the
 * working copy. A malformed or failing edit is reported back in the reply, never thrown.
 */
public final class CoderActivitiesImpl implements CoderActivities {

  /** How much of the repository's text the Coder sees in its first turn. */
  static final int CONTEXT_CHARS = 6_000;

  private final LlmCall llm;
  private final TaskCatalog tasks;

  public CoderActivitiesImpl(ModelBackend model, TaskCatalog tasks, CallObserver observer) {
    this.llm = new LlmCall(model, observer);
    this.tasks = tasks;
  }

  @Override
  public RoleReply writePatch(RoleRequest request) {
    Task task = tasks.get(request.task());
    Path root = Path.of(request.workspace());
    Workspace workspace = Workspace.open(root);
    TurnCheckpoints.begin(workspace, request.turn());
    String opening =
        Prompts.issue(task, request.mode())
            + "\n\n"
            + RepoOverview.withContents(root, CONTEXT_CHARS);
    String message = request.message();
    String diff = workspace.diff();
    if (!diff.isEmpty()) {
      message += "\n\nYour changes so far:\n" + Prompts.clip(diff, 2_000);
    }
    LlmCall.Result result =
        llm.run(Role.CODER, request, Prompts.CODER, opening, message, Prompts.CODER_SCHEMA);
    if (result.exhausted()) {
      return Replies.of(result, Signal.NONE);
    }
    boolean done = saysDone(result.text());
    if (hasNoEdits(result.text())) {
      return Replies.of(
          result,
          done ? "No further edits: the fix is complete." : "No edits given.",
          done ? Signal.DONE : Signal.PATCH_FAILED);
    }
    EditReport report = new EditApplier(root, ProtectedPaths.forTask(task)).apply(result.text());
    Signal signal =
        report.allApplied() ? (done ? Signal.DONE : Signal.PATCH_APPLIED) : Signal.PATCH_FAILED;
    return Replies.of(
        result, report.summary() + "\nFiles changed: " + workspace.changedPaths(), signal);
  }

  private static boolean saysDone(String text) {
    return ModelJson.read(text).path("done").asBoolean(false);
  }

  private static boolean hasNoEdits(String text) {
    JsonNode edits = ModelJson.read(text).path("edits");
    return edits.isArray() && edits.isEmpty();
  }
}
