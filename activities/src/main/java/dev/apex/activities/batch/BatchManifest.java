package dev.apex.activities.batch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.apex.workflows.BuiltInPredictions;
import dev.apex.workflows.batch.BatchInput.BatchSpec;
import dev.apex.workflows.run.RunLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The run directory's claim: which batch it holds and a fingerprint of each input that decides the
 * batch's results (task file, predictions, settings, models). A run directory holds one batch; a
 * batch resumes only over the inputs it started with.
 *
 * @param inputs input name (e.g. {@code task file}, {@code budget}) to its fingerprint or value
 */
public record BatchManifest(String batchId, Map<String, String> inputs) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Settings that change how fast a batch runs, never what it finds. */
  private static final List<String> PACE = List.of("concurrency", "pageSize", "out", "tasks");

  public BatchManifest {
    inputs = new TreeMap<>(inputs);
  }

  /** A batch whose inputs differ from what its run directory holds. */
  public static final class Mismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Mismatch(String message) {
      super(message);
    }
  }

  /**
   * The inputs the batch's own settings name: the task file's and predictions file's content and
   * every setting that can change a result.
   */
  public static Map<String, String> inputs(BatchSpec spec, Path tasksFile) {
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("task file", tasksFile + " " + FileFingerprint.of(tasksFile));
    String predictions = spec.predictions();
    if (predictions != null) {
      inputs.put(
          "predictions",
          BuiltInPredictions.named(predictions).isPresent()
              ? predictions
              : predictions + " " + FileFingerprint.of(Path.of(predictions)));
    }
    Map<String, Object> settings = JSON.convertValue(spec, new TypeReference<>() {});
    settings.forEach((name, value) -> {
      if (!PACE.contains(name) && !name.equals("predictions")) {
        inputs.put(name, String.valueOf(value));
      }
    });
    return inputs;
  }

  /**
   * Claims {@code runDir} for {@code batchId} with {@code inputs}: writes the manifest when there
   * is none; otherwise checks that it names the same batch and that every input both name is
   * unchanged, and adds the inputs it lacked.
   *
   * @throws Mismatch naming what changed and how to start a new batch instead
   */
  public static void claim(Path runDir, String batchId, Map<String, String> inputs) {
    Path file = runDir.resolve(RunLayout.MANIFEST);
    BatchManifest held = read(file);
    if (held != null) {
      String changed = changes(held.inputs(), inputs);
      if (!held.batchId().equals(batchId)) {
        throw new Mismatch(
            "run directory "
                + runDir
                + " holds batch "
                + held.batchId()
                + (changed.isEmpty() ? "" : ", whose " + changed)
                + "; give another --out (or remove "
                + runDir
                + ") to start a new batch");
      }
      if (!changed.isEmpty()) {
        throw new Mismatch(
            "batch "
                + batchId
                + " cannot resume: its "
                + changed
                + "; start a new batch under another id or run directory");
      }
      Map<String, String> all = new TreeMap<>(held.inputs());
      all.putAll(inputs);
      if (all.equals(held.inputs())) {
        return;
      }
      inputs = all;
    }
    write(file, new BatchManifest(batchId, inputs));
  }

  /** "task file changed (/t.jsonl), budget changed (10000, now 5000)", or empty when none did. */
  static String changes(Map<String, String> before, Map<String, String> now) {
    List<String> changed = new ArrayList<>();
    for (var entry : new TreeMap<>(now).entrySet()) {
      String old = before.get(entry.getKey());
      if (old != null && !old.equals(entry.getValue())) {
        changed.add(entry.getKey() + " changed (" + describe(old, entry.getValue()) + ")");
      }
    }
    return String.join(", ", changed);
  }

  /** A file's path when its content changed, else the old and new values. */
  private static String describe(String old, String now) {
    int space = now.lastIndexOf(' ');
    if (space > 0 && old.startsWith(now.substring(0, space + 1))) {
      return now.substring(0, space) + " has other content";
    }
    return "was " + clip(old) + ", now " + clip(now);
  }

  private static String clip(String value) {
    return value.length() <= 80 ? value : value.substring(0, 77) + "...";
  }

  private static @Nullable BatchManifest read(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return JSON.readValue(file.toFile(), BatchManifest.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, BatchManifest manifest) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), RunLayout.MANIFEST, ".tmp");
      JSON.writeValue(temp.toFile(), manifest);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + Failures.cause(e), e);
    }
  }
}
