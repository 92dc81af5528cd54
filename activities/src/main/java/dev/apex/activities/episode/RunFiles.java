package dev.apex.activities.episode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.apex.activities.batch.Failures;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.run.RunLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where an episode's files live in the run directory. */
public final class RunFiles {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunFiles() {}

  /** Writes (or replaces) {@code result}'s row under {@code runDir}, atomically. */
  public static void writeEpisode(Path runDir, EpisodeResult result) {
    Path file = episodeFile(runDir, result.instanceId());
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "episode", ".tmp");
      JSON.writeValue(temp.toFile(), result);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + Failures.cause(e), e);
    }
  }

  /**
   * The folder, relative to the run directory, that keeps how an episode was graded, as SWE-bench's
   * harness keeps it per instance: {@value #PATCH_FILE}, {@value #TEST_SCRIPT_FILE}, {@value
   * #TEST_OUTPUT_FILE} (one per run: {@code test_output.2.txt}, ...) and {@value #GRADE_FILE} (exit
   * codes, statuses, error, flaky tests).
   */
  public static String evidenceDir(String instanceId) {
    return RunLayout.GRADING + "/" + RunLayout.fileName(instanceId);
  }

  /** The graded patch, as applied. */
  public static final String PATCH_FILE = "patch.diff";

  /** The test command, as the sandbox ran it. */
  public static final String TEST_SCRIPT_FILE = "eval.sh";

  /** The first run's test output (capped as the sandbox caps it). */
  public static final String TEST_OUTPUT_FILE = "test_output.txt";

  /** What grading saw: per run the exit code, how it ended, its output file; the verdict. */
  public static final String GRADE_FILE = "grade.json";

  /** The output file of run {@code run} (1-based). */
  public static String testOutputFile(int run) {
    return run == 1 ? TEST_OUTPUT_FILE : "test_output." + run + ".txt";
  }

  /** The episode's result row, one per task. */
  public static Path episodeFile(Path runDir, String instanceId) {
    return Path.of(RunLayout.episodeFile(runDir.toString(), instanceId));
  }
}
