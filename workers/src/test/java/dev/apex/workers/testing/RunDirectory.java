package dev.apex.workers.testing;

import dev.apex.workflows.run.RunLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** What a test of a running {@code apex eval} reads of its run directory. */
public final class RunDirectory {

  private RunDirectory() {}

  /** The episode rows written so far under {@code runDir}. */
  public static List<Path> episodeFiles(Path runDir) throws IOException {
    Path dir = runDir.resolve(RunLayout.EPISODES);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).toList();
    }
  }

  /**
   * Waits until {@code count} episodes have finished; fails, with the command's {@code logs}, when
   * it exits first or {@code within} passes.
   */
  public static void awaitEpisodes(
      Path runDir, int count, Process command, Duration within, Path... logs)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (episodeFiles(runDir).size() < count) {
      if (!command.isAlive() || System.nanoTime() > deadline) {
        StringBuilder output = new StringBuilder();
        for (Path log : logs) {
          output.append(Files.readString(log));
        }
        throw new AssertionError(
            "not "
                + count
                + " episodes done; exit "
                + (command.isAlive() ? "-" : command.exitValue())
                + "\n"
                + output);
      }
      Thread.sleep(250);
    }
  }
}
