package dev.apex.activities.tasks;

import dev.apex.activities.sandbox.PythonToolEnv;
import dev.apex.activities.sandbox.PythonToolEnv.ToolEnvException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns a task's {@code test_env} into the host paths its sandbox exposes. Thread-safe. */
public final class TestEnvResolver {

  private final PythonToolEnv python;

  public TestEnvResolver(PythonToolEnv python) {
    this.python = python;
  }

  /**
   * The paths to expose for {@code task}, making APEX's tool environments on first use.
   *
   * @throws ToolEnvException when a path does not exist or an environment cannot be made
   */
  public List<Path> paths(Task task) {
    List<Path> paths = new ArrayList<>();
    for (String entry : task.testEnv()) {
      if (entry.equals(TestEnv.PYTHON)) {
        paths.addAll(python.ensure());
      } else {
        Path path = Path.of(entry);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
          throw new ToolEnvException("test_env path not found on this machine: " + path);
        }
        paths.add(path);
      }
    }
    return paths.stream().distinct().toList();
  }
}
