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

  /** The episode's result row, one per task. */
  public static Path episodeFile(Path runDir, String instanceId) {
    return Path.of(RunLayout.episodeFile(runDir.toString(), instanceId));
  }
}
