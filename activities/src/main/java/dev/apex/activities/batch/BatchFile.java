package dev.apex.activities.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.apex.workflows.batch.BatchInput.BatchSpec;
import dev.apex.workflows.run.RunLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run directory's {@code batch.json}: the batch's id, resolved settings, task file and task ids.
 * The batch writes it when it plans; {@code apex report} writes it again from history.
 */
public final class BatchFile {

  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BatchFile() {}

  public static void write(
      Path runDir, BatchSpec spec, String batchId, Path tasksFile, List<String> ids) {
    Map<String, Object> batch = new LinkedHashMap<>();
    batch.put("batch_id", batchId);
    batch.put("tasks_file", tasksFile.toString());
    batch.put("instance_ids", ids);
    batch.put("spec", spec);
    try {
      Files.createDirectories(runDir);
      PRETTY.writeValue(runDir.resolve(RunLayout.BATCH_FILE).toFile(), batch);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write to run directory " + runDir + ": " + Failures.cause(e), e);
    }
  }
}
