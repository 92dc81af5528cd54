package dev.apex.workers.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The Temporal server that ITs run against: the dev server of this checkout, driven through the
 * {@code temporal-dev/} scripts, or the server that {@code TEMPORAL_ADDRESS} names.
 *
 * <p>Settings (address, namespace, UI URL) come from {@code temporal-dev/status.sh --env}, so the
 * scripts' environment variables ({@code APEX_TEMPORAL_PORT}, ...) apply here too. Instances are
 * immutable; {@link #start} and {@link #stop} change the server, not the instance.
 */
public final class DevServer {

  /** Long enough for a first start that builds the temporal CLI. */
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(20);

  private static final Duration CLI_TIMEOUT = Duration.ofMinutes(1);

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final Path repoRoot;
  private final Map<String, String> settings;

  private DevServer(Path repoRoot, Map<String, String> settings) {
    this.repoRoot = repoRoot;
    this.settings = settings;
  }

  /** Starts the server unless it is already serving, and returns it. */
  public static DevServer ensureRunning() {
    Path root = findRepoRoot(Path.of("").toAbsolutePath());
    Result env =
        run(
            root,
            CLI_TIMEOUT,
            List.of(root.resolve("temporal-dev/status.sh").toString(), "--env"),
            Map.of());
    DevServer server = new DevServer(root, parseSettings(env.output()));
    server.start();
    return server;
  }

  /** The nearest directory at or above {@code from} that holds {@code temporal-dev/start.sh}. */
  public static Path findRepoRoot(Path from) {
    for (Path dir = from.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("temporal-dev/start.sh"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no temporal-dev/start.sh at or above " + from);
  }

  /** Name to type of the search attributes that temporal-dev registers, in file order. */
  public static Map<String, String> searchAttributes(Path repoRoot) {
    Map<String, String> attributes = new LinkedHashMap<>();
    try {
      for (String line :
          Files.readAllLines(repoRoot.resolve("temporal-dev/search-attributes.txt"))) {
        String entry = line.replaceFirst("#.*", "").strip();
        if (!entry.isEmpty()) {
          String[] nameAndType = WHITESPACE.split(entry, 2);
          attributes.put(nameAndType[0], nameAndType[1]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return attributes;
  }

  /** gRPC target, e.g. {@code 127.0.0.1:7233}. */
  public String address() {
    return setting("TEMPORAL_ADDRESS");
  }

  public String namespace() {
    return setting("TEMPORAL_NAMESPACE");
  }

  /** Web UI of the local dev server; meaningless when {@link #isLocal()} is false. */
  public String uiUrl() {
    return setting("APEX_TEMPORAL_UI_URL");
  }

  /**
   * Whether this is the checkout's own dev server, which {@link #stop} and {@link #start} manage.
   */
  public boolean isLocal() {
    return setting("APEX_TEMPORAL_MODE").equals("local");
  }

  public Path repoRoot() {
    return repoRoot;
  }

  /** Runs {@code temporal-dev/start.sh}: a no-op when the server is already serving. */
  public void start() {
    runScript("start.sh");
  }

  /** Runs {@code temporal-dev/stop.sh}; the data stays. */
  public void stop() {
    if (!isLocal()) {
      throw new IllegalStateException(address() + " is not the local dev server");
    }
    runScript("stop.sh");
  }

  /** Runs the temporal CLI against this server, e.g. {@code temporal("workflow", "list")}. */
  public Result temporal(String... args) {
    List<String> command = new ArrayList<>();
    command.add(setting("APEX_TEMPORAL_BIN"));
    command.addAll(List.of(args));
    return run(
        repoRoot,
        CLI_TIMEOUT,
        command,
        Map.of("TEMPORAL_ADDRESS", address(), "TEMPORAL_NAMESPACE", namespace()));
  }

  private void runScript(String script) {
    Result result =
        run(
            repoRoot,
            SCRIPT_TIMEOUT,
            List.of(repoRoot.resolve("temporal-dev/" + script).toString()),
            Map.of());
    System.out.print(result.output());
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "temporal-dev/" + script + " exited with " + result.exitCode() + ":\n" + result.output());
    }
  }

  private String setting(String key) {
    String value = settings.get(key);
    if (value == null) {
      throw new IllegalStateException("temporal-dev/status.sh --env did not print " + key);
    }
    return value;
  }

  private static Map<String, String> parseSettings(String output) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line : output.lines().toList()) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        settings.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return settings;
  }

  private static Result run(
      Path workDir, Duration timeout, List<String> command, Map<String, String> env) {
    try {
      Path output = Files.createTempFile("apex-devserver", ".out");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(command + " did not finish within " + timeout);
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** Exit code and combined stdout and stderr of a command. */
  public record Result(int exitCode, String output) {}
}
