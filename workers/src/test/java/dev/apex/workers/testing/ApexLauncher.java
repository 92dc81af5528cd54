package dev.apex.workers.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The checkout's {@code ./apex} launcher, run as a user runs it, in a process of its own, against a
 * given Temporal server. It runs on what the Maven build packaged ({@code APEX_NO_BUILD=1}), so a
 * test never starts a nested build. Immutable; {@link #with} returns a copy.
 */
public final class ApexLauncher {

  private final Path repoRoot;
  private final Map<String, String> env;

  private ApexLauncher(Path repoRoot, Map<String, String> env) {
    this.repoRoot = repoRoot;
    this.env = Map.copyOf(env);
  }

  /** The launcher, talking to {@code server}. */
  public static ApexLauncher against(DevServer server) {
    return new ApexLauncher(
        server.repoRoot(),
        Map.of(
            "APEX_NO_BUILD", "1",
            "TEMPORAL_ADDRESS", server.address(),
            "TEMPORAL_NAMESPACE", server.namespace()));
  }

  /** The launcher of the checkout at {@code repoRoot} with only {@code env} added. */
  public static ApexLauncher at(Path repoRoot, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("APEX_NO_BUILD", "1");
    return new ApexLauncher(repoRoot, all);
  }

  /** The same launcher with one more environment variable. */
  public ApexLauncher with(String name, String value) {
    Map<String, String> more = new HashMap<>(env);
    more.put(name, value);
    return new ApexLauncher(repoRoot, more);
  }

  public Path repoRoot() {
    return repoRoot;
  }

  /** Runs {@code ./apex args...} to the end; kills it after {@code timeout}. */
  public Run run(Duration timeout, String... args) {
    try {
      Path out = Files.createTempFile("apex-it", ".out");
      Path err = Files.createTempFile("apex-it", ".err");
      try {
        Process process = start(out, err, args);
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
          stop(process, Duration.ofSeconds(30));
          throw new AssertionError(
              "./apex "
                  + String.join(" ", args)
                  + " did not finish within "
                  + timeout
                  + "\nstdout:\n"
                  + Files.readString(out)
                  + "\nstderr:\n"
                  + Files.readString(err));
        }
        Run run =
            new Run(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        System.out.printf(
            "./apex %s -> exit %d%n%s%s", String.join(" ", args), run.exitCode, run.out, run.err);
        return run;
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts {@code ./apex args...} in the background, its output going to the two files. */
  public Process start(Path stdout, Path stderr, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(repoRoot.resolve("apex").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(repoRoot.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /**
   * Stops a process started here as Ctrl-C would: SIGINT to the launcher's JVM (shutdown hooks
   * run); SIGTERM when that is ignored (a JVM started from a background job ignores SIGINT); then
   * SIGKILL to it and its descendants after {@code grace}.
   */
  public static void stop(Process process, Duration grace) throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    } catch (IOException e) {
      // SIGTERM below
    }
    if (process.waitFor(5, TimeUnit.SECONDS)) {
      return;
    }
    process.destroy();
    if (!process.waitFor(grace.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Exit code, stdout and stderr of a finished run. */
  public record Run(int exitCode, String out, String err) {

    public List<String> errLines() {
      return err.lines().toList();
    }
  }
}
