package dev.apex.activities.grading;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs git on harness-owned directories with no user or system configuration, a fixed identity and
 * fixed dates, so results do not depend on the machine.
 */
final class Git {

  private static final String DATE = "2000-01-01T00:00:00Z";
  private static final List<String> CONFIG =
      List.of(
          "-c", "core.autocrlf=false",
          "-c", "core.quotepath=false",
          "-c", "core.hooksPath=/dev/null",
          "-c", "commit.gpgsign=false",
          "-c", "init.defaultBranch=base",
          "-c", "safe.directory=*");

  /** Exit status and combined output of one git command. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private Git() {}

  static Result run(Path dir, String... args) {
    List<String> argv = new ArrayList<>();
    argv.add("git");
    argv.addAll(CONFIG);
    argv.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
    builder.redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("GIT_"));
    env.putAll(
        Map.of(
            "GIT_CONFIG_NOSYSTEM", "1",
            "GIT_CONFIG_GLOBAL", "/dev/null",
            "GIT_TERMINAL_PROMPT", "0",
            "GIT_AUTHOR_NAME", "apex",
            "GIT_AUTHOR_EMAIL", "apex@localhost",
            "GIT_AUTHOR_DATE", DATE,
            "GIT_COMMITTER_NAME", "apex",
            "GIT_COMMITTER_EMAIL", "apex@localhost",
            "GIT_COMMITTER_DATE", DATE,
            "LC_ALL", "C"));
    try {
      Process process = builder.start();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("git " + args[0] + " did not finish");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run git", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running git", e);
    }
  }

  /** Runs and returns the output; a failure is a harness bug, so it throws. */
  static String check(Path dir, String... args) {
    Result result = run(dir, args);
    if (!result.ok()) {
      throw new IllegalStateException(
          "git " + String.join(" ", args) + " failed: " + result.output().strip());
    }
    return result.output();
  }
}
