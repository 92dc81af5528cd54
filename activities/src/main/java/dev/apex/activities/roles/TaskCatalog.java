package dev.apex.activities.roles;

import dev.apex.activities.tasks.Task;
import dev.apex.activities.tasks.TaskLoader;
import dev.apex.activities.tasks.TaskSet;
import dev.apex.workflows.roles.TaskRef;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Loads task files once per worker and finds tasks by reference. Thread-safe. */
public final class TaskCatalog {

  private final Map<Path, TaskSet> sets = new ConcurrentHashMap<>();

  public Task get(TaskRef ref) {
    Path file = Path.of(ref.tasksFile()).toAbsolutePath().normalize();
    return sets.computeIfAbsent(file, TaskLoader::load).get(ref.instanceId());
  }
}
