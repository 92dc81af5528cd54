package dev.apex.activities.tasks;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** The tasks of one file, in file order, with lookup by instance id. Immutable. */
public final class TaskSet {

  private final Path source;
  private final Map<String, Task> byId;

  public TaskSet(Path source, List<Task> tasks) {
    this.source = source;
    Map<String, Task> map = new LinkedHashMap<>();
    for (Task task : tasks) {
      if (map.putIfAbsent(task.instanceId(), task) != null) {
        throw new IllegalArgumentException("duplicate instance_id: " + task.instanceId());
      }
    }
    this.byId = map;
  }

  /** The file the tasks came from. */
  public Path source() {
    return source;
  }

  public List<Task> tasks() {
    return List.copyOf(byId.values());
  }

  public int size() {
    return byId.size();
  }

  public Optional<Task> find(String instanceId) {
    return Optional.ofNullable(byId.get(instanceId));
  }

  public Task get(String instanceId) {
    Task task = byId.get(instanceId);
    if (task == null) {
      throw new NoSuchElementException("no task " + instanceId + " in " + source);
    }
    return task;
  }
}
