package dev.apex.activities.roles;

import dev.apex.activities.grading.Workspace;
import dev.apex.activities.tasks.Task;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RoleRequest;
import dev.apex.workflows.roles.TaskRef;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** A bundled task's working copy and session directory, and requests against them. */
final class RoleFixture implements AutoCloseable {

  static final Path TASKS =
      Path.of(System.getProperty("apex.repo.root", ".."), "tasks/apex-bugs/tasks.jsonl")
          .toAbsolutePath()
          .normalize();

  final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  final TaskCatalog tasks = new TaskCatalog();
  final TaskRef ref;
  final Task task;
  final Path workspace;
  final Path sessions;

  RoleFixture(Path tmp, String instanceId) {
    ref = new TaskRef(instanceId, TASKS.toString());
    task = tasks.get(ref);
    workspace = tmp.resolve("ws");
    Workspace.create(task.repoPath(), workspace);
    sessions = tmp.resolve("sessions");
  }

  RoleRequest request(int turn, String message, int allowance, int maxCompletion) {
    return request(turn, message, allowance, maxCompletion, null);
  }

  RoleRequest request(
      int turn, String message, int allowance, int maxCompletion, @Nullable Role subject) {
    return new RoleRequest(
        "ep-1",
        turn,
        ref,
        "swe",
        workspace.toString(),
        sessions.toString(),
        message,
        subject,
        allowance,
        maxCompletion);
  }

  @Override
  public void close() {
    env.close();
  }
}
