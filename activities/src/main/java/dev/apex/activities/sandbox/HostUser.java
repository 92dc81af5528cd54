package dev.apex.activities.sandbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/** The uid this JVM runs as, read from /proc, and the tasks that count against its RLIMIT_NPROC. */
final class HostUser {

  private static final SecureRandom RANDOM = new SecureRandom();

  private HostUser() {}

  /** Real uid of this process, or -1 where /proc is absent. */
  static long uid() {
    return realUid(Path.of("/proc/self/status"));
  }

  /**
   * A fresh uid for one sandboxed run. RLIMIT_NPROC is counted per real uid, so a uid nobody else
   * uses makes the limit count only this run's processes.
   */
  static int randomUid() {
    return 200_000 + RANDOM.nextInt(1_000_000_000);
  }

  /** Threads (which RLIMIT_NPROC counts) of all processes whose real uid is {@code uid}. */
  static int tasksOf(long uid) {
    int tasks = 0;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        try {
          List<String> status = Files.readAllLines(proc.resolve("status"));
          if (field(status, "Uid:") == uid) {
            tasks += (int) Math.max(1, field(status, "Threads:"));
          }
        } catch (IOException e) {
          // The process exited while we looked.
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return tasks;
  }

  private static long realUid(Path status) {
    try {
      return field(Files.readAllLines(status), "Uid:");
    } catch (IOException e) {
      return -1;
    }
  }

  private static long field(List<String> status, String name) {
    for (String line : status) {
      if (line.startsWith(name)) {
        String value = line.substring(name.length()).strip();
        int end = value.indexOf('\t');
        return Long.parseLong(end < 0 ? value : value.substring(0, end));
      }
    }
    return -1;
  }
}
