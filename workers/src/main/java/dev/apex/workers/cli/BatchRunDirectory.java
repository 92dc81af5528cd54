package dev.apex.workers.cli;

import dev.apex.activities.batch.BatchManifest;
import dev.apex.workflows.batch.BatchInput;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** Names the batch after its inputs and claims its run directory before anything starts. */
final class BatchRunDirectory {

  private BatchRunDirectory() {}

  /**
   * The batch id for {@code input}; its run directory is claimed for it.
   *
   * @throws IllegalStateException when the run directory holds another batch, naming what changed
   * @throws IllegalArgumentException when an input cannot be read
   */
  static String claim(Path home, BatchInput input, String backend, Map<String, String> env) {
    Map<String, String> inputs;
    try {
      inputs = BatchInputs.of(input, backend, env, home);
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    String batchId = BatchIds.of(input, backend, inputs);
    try {
      BatchManifest.claim(BatchInputs.runDir(home, input, batchId), batchId, inputs);
    } catch (BatchManifest.Mismatch e) {
      throw new IllegalStateException(e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return batchId;
  }
}
