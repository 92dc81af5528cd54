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
 * Runs git on a harness-owned working copy whose git directory lives outside it, with no user or
 * system configuration, a fixed identity and fixed dates, so results do not depend on the machine
 * and nothing in the working copy configures git: hooks, fsmonitor, the attributes files outside
 * the tree and pathspec magic are off, and the only config git reads is the one {@link Workspace}
 * wrote into the git directory, which untrusted content cannot reach.
 */
final class Git {

  private static final String DATE = "2000-01-01T00:00:00Z";
  private static final List<String> CONFIG =
      List.of(
          "-c", "core.autocrlf=false",
          "-c", "core.quotepath=false",
          "-c", "core.hooksPath=/dev/null",
          "-c", "core.fsmonitor=false",
          "-c", "core.untrackedCache=false",
          "-c", "core.attributesFile=/dev/null",
          "-c", "core.protectHFS=true",
          "-c", "core.protectNTFS=true",
          "-c", "protocol.allow=never",
          "-c", "commit.gpgsign=false",
          "-c", "init.defaultBranch=base",
          "-c", "safe.directory=*");
  private static final Map<String, String> ENV =
      Map.ofEntries(
          Map.entry("GIT_CONFIG_NOSYSTEM", "1"),
          Map.entry("GIT_CONFIG_GLOBAL", "/dev/null"),
          Map.entry("GIT_ATTR_NOSYSTEM", "1"),
          Map.entry("GIT_LITERAL_PATHSPECS", "1"),
          Map.entry("GIT_NO_REPLACE_OBJECTS", "1"),
          Map.entry("GIT_TERMINAL_PROMPT", "0"),
          Map.entry("GIT_AUTHOR_NAME", "apex"),
          Map.entry("GIT_AUTHOR_EMAIL", "apex@localhost"),
          Map.entry("GIT_AUTHOR_DATE", DATE),
          Map.entry("GIT_COMMITTER_NAME", "apex"),
          Map.entry("GIT_COMMITTER_EMAIL", "apex@localhost"),
          Map.entry("GIT_COMMITTER_DATE", DATE),
          Map.entry("LC_ALL", "C"));

  /** Exit status and combined output of one git command. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private Git() {}

  /** Runs git at {@code workTree}, whose repository is {@code gitDir}. */
  static Result run(Path workTree, Path gitDir, String... args) {
    List<String> argv = new ArrayList<>();
    argv.add("git");
    argv.addAll(CONFIG);
    argv.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(argv).directory(workTree.toFile());
    builder.redirectErrorStream(true);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("GIT_"));
    env.putAll(ENV);
    env.put("GIT_DIR", gitDir.toString());
    env.put("GIT_WORK_TREE", workTree.toString());
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
  static String check(Path workTree, Path gitDir, String... args) {
    Result result = run(workTree, gitDir, args);
    if (!result.ok()) {
      throw new IllegalStateException(
          "git " + String.join(" ", args) + " failed: " + result.output().strip());
    }
    return result.output();
  }
}
