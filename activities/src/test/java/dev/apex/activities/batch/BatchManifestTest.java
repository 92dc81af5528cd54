package dev.apex.activities.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.workflows.batch.BatchInput;
import dev.apex.workflows.batch.BatchInput.BatchSpec;
import dev.apex.workflows.run.RunLayout;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchManifestTest {

  @TempDir Path tmp;

  private Map<String, String> inputs(Path tasks, int budget) {
    BatchSpec spec =
        BatchInput.builder()
            .tasks(tasks.toString())
            .budget(budget)
            .concurrency(4)
            .build()
            .resolve();
    return BatchManifest.inputs(spec, tasks);
  }

  @Test
  void claim_sameBatchSameInputs_resumes() throws IOException {
    Path tasks = Files.writeString(tmp.resolve("tasks.jsonl"), "{}\n");
    Path run = tmp.resolve("run");
    BatchManifest.claim(run, "b1", inputs(tasks, 100));
    BatchManifest.claim(run, "b1", inputs(tasks, 100));
    assertThat(Files.readString(run.resolve(RunLayout.MANIFEST))).contains("\"b1\"");
  }

  @Test
  void claim_secondBatch_isRefusedNamingWhatChangedAndWhatToDo() throws IOException {
    Path tasks = Files.writeString(tmp.resolve("tasks.jsonl"), "{}\n");
    Path run = tmp.resolve("run");
    BatchManifest.claim(run, "b1", inputs(tasks, 100));
    Files.writeString(tasks, "{\"edited\": true}\n");

    assertThatThrownBy(() -> BatchManifest.claim(run, "b2", inputs(tasks, 100)))
        .isInstanceOf(BatchManifest.Mismatch.class)
        .hasMessageContaining("holds batch b1")
        .hasMessageContaining("task file changed (" + tasks + " has other content)")
        .hasMessageContaining("give another --out")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void claim_sameBatchOtherBudget_isRefusedNamingTheBudget() throws IOException {
    Path tasks = Files.writeString(tmp.resolve("tasks.jsonl"), "{}\n");
    Path run = tmp.resolve("run");
    BatchManifest.claim(run, "b1", inputs(tasks, 100));

    assertThatThrownBy(() -> BatchManifest.claim(run, "b1", inputs(tasks, 200)))
        .isInstanceOf(BatchManifest.Mismatch.class)
        .hasMessageContaining("batch b1 cannot resume: its budget changed (was 100, now 200)");
  }

  @Test
  void claim_concurrencyChange_stillResumes() throws IOException {
    Path tasks = Files.writeString(tmp.resolve("tasks.jsonl"), "{}\n");
    Path run = tmp.resolve("run");
    BatchManifest.claim(run, "b1", inputs(tasks, 100));
    Map<String, String> paced = new HashMap<>(inputs(tasks, 100));
    assertThat(paced).doesNotContainKeys("concurrency", "pageSize", "out");
    BatchManifest.claim(run, "b1", paced);
  }

  @Test
  void claim_inputsOnlyOneSideNames_areAddedNotCompared() throws IOException {
    Path tasks = Files.writeString(tmp.resolve("tasks.jsonl"), "{}\n");
    Path run = tmp.resolve("run");
    Map<String, String> withModel = new HashMap<>(inputs(tasks, 100));
    withModel.put("model of coder", "llamacpp /m.gguf sha256:1");
    BatchManifest.claim(run, "b1", withModel);
    BatchManifest.claim(run, "b1", inputs(tasks, 100));
    withModel.put("model of coder", "llamacpp /m.gguf sha256:2");

    assertThatThrownBy(() -> BatchManifest.claim(run, "b1", withModel))
        .hasMessageContaining("model of coder changed");
  }

  @Test
  void fingerprint_smallFile_isItsContent() throws IOException {
    Path file = Files.writeString(tmp.resolve("a"), "one");
    String before = FileFingerprint.of(file);
    Files.writeString(file, "two");
    assertThat(before).startsWith("sha256:");
    assertThat(FileFingerprint.of(file)).isNotEqualTo(before);
  }

  @Test
  void fingerprint_largeFile_readsItsEdgesOnly_andSeesAnEditAtTheEnd() throws IOException {
    Path file = tmp.resolve("model.gguf");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(FileFingerprint.WHOLE_FILE_LIMIT + 1); // sparse: no disk used
    }
    FileTime time = Files.getLastModifiedTime(file);
    String before = FileFingerprint.of(file);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(FileFingerprint.WHOLE_FILE_LIMIT);
      raf.write(7);
    }
    Files.setLastModifiedTime(file, time);
    assertThat(before).startsWith("edges:");
    assertThat(FileFingerprint.of(file)).isNotEqualTo(before);
  }
}
