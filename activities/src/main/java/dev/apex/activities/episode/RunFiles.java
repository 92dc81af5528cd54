package dev.apex.activities.episode;

import java.nio.file.Path;

/** Where an episode's files live in the run directory. */
public final class RunFiles {

  private RunFiles() {}

  /** An id as a file name: anything but letters, digits, '.', '_' and '-' becomes '_'. */
  public static String fileSafe(String id) {
    return id.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** The episode's result row, one per task. */
  public static Path episodeFile(Path runDir, String instanceId) {
    return runDir.resolve("episodes").resolve(fileSafe(instanceId) + ".json");
  }
}
