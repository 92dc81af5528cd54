package dev.apex.workers.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.workers.testing.DevServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/**
 * What one run of a shell script printed and how it exited, and the stub scripts the launcher tests
 * put on a PATH.
 */
record ShellRun(int exitCode, String out, String err) {

  /** Starts {@code builder} with stdout and stderr into files under {@code dir}; waits for it. */
  static ShellRun run(ProcessBuilder builder, Path dir, int timeoutSeconds) throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
        .as("the script finished")
        .isTrue();
    return new ShellRun(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Writes an executable bash script, replacing what was there. */
  static void script(Path path, String body) throws IOException {
    Files.deleteIfExists(path);
    Files.writeString(path, "#!/bin/bash\n" + body + "\n");
    executable(path);
  }

  /** Copies the repository's script {@code relative} to {@code target}, executable; returns it. */
  static Path copyOf(String relative, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Files.copy(DevServer.findRepoRoot(Path.of("")).resolve(relative), target);
    executable(target);
    return target;
  }

  static void executable(Path path) throws IOException {
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
