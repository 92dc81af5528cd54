package dev.apex.workers.cli;

import dev.apex.activities.sandbox.SandboxConfig;
import dev.apex.activities.tasks.TaskFileException;
import dev.apex.activities.tasks.TaskLoader;
import dev.apex.activities.tasks.TaskSet;
import dev.apex.backends.BackendChoice;
import dev.apex.backends.DefaultModel;
import dev.apex.backends.PermanentBackendException;
import dev.apex.workers.RoleModels;
import dev.apex.workers.WorkerConfig;
import dev.apex.workflows.BuiltInPredictions;
import dev.apex.workflows.batch.BatchInput;
import dev.apex.workflows.roles.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code apex eval}'s checks before anything starts: the backend and model every role's worker will
 * resolve, the sandbox setting, the task file and ids, the predictions and the batch's settings.
 * Each refusal is a {@link BadInput} with a hint.
 */
final class Preflight {

  private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);

  /** The bundled tasks run by default: a mix that finishes in about ten minutes on 2 cores. */
  static final String QUICK_SUBSET = "tasks/apex-bugs/quick.txt";

  private Preflight() {}

  /** The batch input {@code flags} ask for, checked; throws with a hint when it is wrong. */
  static BatchInput check(BatchFlags flags, RoleModels models, Map<String, String> env, Path home) {
    try {
      models.requestedBackend();
    } catch (IllegalArgumentException e) {
      throw new BadInput(
          e.getMessage(), models.requestedBy() + " takes one of " + BackendChoice.names());
    }
    String backendName;
    try {
      backendName = models.backendName(Role.CODER);
    } catch (IllegalArgumentException e) {
      throw new BadInput(
          e.getMessage(),
          "fix the roles config (" + RoleModels.ROLES_CONFIG_ENV + ", else workers/roles.json)");
    }
    try {
      SandboxConfig.defaults(env);
    } catch (IllegalArgumentException e) {
      throw new BadInput(e.getMessage(), "unset it for an offline sandbox, the default");
    }
    Path taskFile =
        flags.tasks == null
            ? home.resolve(WorkerConfig.BUNDLED_TASKS)
            : flags.tasks.toAbsolutePath().normalize();
    List<String> ids = instanceIds(flags, taskFile, home);
    String predictions = predictions(flags.predictions);
    if (predictions == null) {
      checkModels(models);
    }
    BatchInput input =
        flags
            .settings()
            .tasks(taskFile.toString())
            .instanceIds(ids)
            .out(flags.out == null ? null : flags.out.toAbsolutePath().normalize().toString())
            .predictions(predictions)
            .modelName("apex/" + backendName + "/" + flags.policy)
            .build();
    List<String> problems = input.resolve().problems();
    if (!problems.isEmpty()) {
      throw new BadInput(
          BatchFlags.flagNames(String.join("; ", problems)),
          "see ./apex eval --help for every flag and its default");
    }
    return input;
  }

  /** The tasks to run: those named, else the quick subset of the bundled set, else all (null). */
  private static @Nullable List<String> instanceIds(BatchFlags flags, Path taskFile, Path home) {
    if (!Files.isRegularFile(taskFile)) {
      throw new BadInput(
          "task file not found: " + taskFile,
          "give --tasks FILE.jsonl, or leave it out for the bundled set");
    }
    TaskSet set;
    try {
      set = TaskLoader.load(taskFile);
    } catch (TaskFileException e) {
      throw new BadInput(
          e.getMessage(), "fix the task file; docs/tasks-and-grading.md describes the format");
    }
    List<String> ids = flags.instanceIds;
    if (ids == null && flags.tasks == null && !flags.all && flags.limit == null) {
      ids = quickSubset(home);
    }
    if (ids != null) {
      for (String id : ids) {
        if (set.find(id).isEmpty()) {
          throw new BadInput(
              "no task '" + id + "' in " + taskFile,
              "list the ids with: jq -r .instance_id " + taskFile);
        }
      }
    }
    return ids;
  }

  /** Built-in predictions as named; a predictions file as an absolute path that exists. */
  private static @Nullable String predictions(@Nullable String predictions) {
    if (predictions == null || BuiltInPredictions.named(predictions).isPresent()) {
      return predictions;
    }
    Path file = Path.of(predictions).toAbsolutePath().normalize();
    if (!Files.isRegularFile(file)) {
      throw new BadInput(
          "predictions file not found: " + file,
          "--predictions takes gold, empty, or a SWE-bench predictions file");
    }
    return file.toString();
  }

  /** Refuses what the workers would refuse, and fetches the default model when it is missing. */
  private static void checkModels(RoleModels models) {
    try {
      for (Role role : Role.values()) {
        try {
          models.checkAllowed(role);
        } catch (IllegalArgumentException e) {
          throw new BadInput(
              e.getMessage(),
              "use --backend stub, or --predictions gold|empty|FILE to grade given patches");
        }
      }
      models.prepareAll(LOG::info);
      for (Role role : Role.values()) {
        Path model = models.modelPath(role);
        if (!models.isStub(role) && !Files.isRegularFile(model)) {
          throw new BadInput(
              "model not found: " + model,
              "run "
                  + DefaultModel.FETCH_SCRIPT
                  + ", set "
                  + DefaultModel.PATH_ENV
                  + ", or use --backend stub");
        }
      }
    } catch (PermanentBackendException e) {
      throw new BadInput(
          e.getMessage(),
          "run " + DefaultModel.FETCH_SCRIPT + " to see why, or set " + DefaultModel.PATH_ENV);
    } catch (IllegalArgumentException e) {
      throw new BadInput(
          e.getMessage(), "fix the setting it names; docs/configuration.md lists every one");
    }
  }

  private static List<String> quickSubset(Path home) {
    Path file = home.resolve(QUICK_SUBSET);
    try {
      List<String> ids = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        String id = line.strip();
        if (!id.isEmpty() && !id.startsWith("#")) {
          ids.add(id);
        }
      }
      return ids;
    } catch (IOException e) {
      throw new BadInput("cannot read the quick subset " + file, "give --all or --tasks");
    }
  }
}
