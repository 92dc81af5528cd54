package dev.apex.workers.cli;

import dev.apex.activities.batch.BatchManifest;
import dev.apex.workers.ModelInputs;
import dev.apex.workers.RoleModels;
import dev.apex.workflows.batch.BatchInput;
import dev.apex.workflows.run.RunLayout;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything that decides a batch's results, fingerprinted: the task file's and predictions file's
 * content, the settings, and (when agents run) each role's model and settings. It goes into the
 * batch id, so editing any of them starts a new batch instead of resuming the old one.
 */
final class BatchInputs {

  private BatchInputs() {}

  static Map<String, String> of(
      BatchInput input, String backend, Map<String, String> env, Path home) {
    String tasks = input.tasks();
    if (tasks == null) {
      throw new IllegalArgumentException("the task file is resolved before the batch id");
    }
    Map<String, String> inputs =
        new TreeMap<>(BatchManifest.inputs(input.resolve(), Path.of(tasks)));
    if (input.predictions() == null) {
      Map<String, String> workerEnv = new HashMap<>(env);
      workerEnv.remove(RoleModels.STUB_ENV);
      workerEnv.put(RoleModels.BACKEND_ENV, backend);
      inputs.putAll(ModelInputs.of(workerEnv, home));
    }
    return inputs;
  }

  /** The run directory the batch will write: {@code --out}, else {@code runs/<batch id>}. */
  static Path runDir(Path home, BatchInput input, String batchId) {
    String out = input.out();
    return out != null ? Path.of(out) : home.resolve(RunLayout.RUNS).resolve(batchId);
  }
}
