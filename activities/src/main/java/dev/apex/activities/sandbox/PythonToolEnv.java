package dev.apex.activities.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * APEX's Python tool environment: a virtualenv with pinned pytest, made once per machine under
 * {@link SandboxConfig#toolEnvDir()} by {@code python3 -m venv} and pip, so that test commands need
 * no system pytest and find both {@code python} and {@code python3}. Its directory is named by a
 * hash of the requirements and the base interpreter; a file lock keeps two processes from making it
 * at once, and a marker written last tells a finished one from an interrupted one. Thread-safe.
 */
public final class PythonToolEnv {

  /** What the environment holds; changing it makes a new environment. */
  public static final List<String> REQUIREMENTS = List.of("pytest==8.3.5");

  private static final Logger LOG = LoggerFactory.getLogger(PythonToolEnv.class);
  private static final String READY = ".apex-ready";
  private static final Duration PIP_TIMEOUT = Duration.ofMinutes(5);

  /** Interpreters tried for the venv's base, in order: the system's first, visible in /usr. */
  private static final List<String> BASES = List.of("/usr/bin/python3", "/usr/local/bin/python3");

  private final Path dir;

  public PythonToolEnv(Path toolEnvDir) {
    this.dir = toolEnvDir;
  }

  /**
   * The paths to expose to the sandbox (the venv, and its base interpreter's prefix when outside
   * /usr), making the environment first if needed.
   *
   * @throws ToolEnvException when it cannot be made, with pip's or venv's own words
   */
  public synchronized List<Path> ensure() {
    Path base = baseInterpreter();
    Path env = dir.resolve("pyenv-" + hash(base));
    try {
      Files.createDirectories(dir);
      try (FileChannel lockFile =
          FileChannel.open(
              dir.resolve(env.getFileName() + ".lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE)) {
        FileLock lock = lockFile.lock();
        try {
          if (!Files.isRegularFile(env.resolve(READY))) {
            create(base, env);
          }
        } finally {
          lock.release();
        }
      }
      return exposed(env);
    } catch (IOException e) {
      throw new ToolEnvException("cannot make the Python tool environment in " + env + ": " + e);
    }
  }

  private static void create(Path base, Path env) throws IOException {
    LOG.info("making the Python tool environment (once): " + env + " with " + REQUIREMENTS);
    FileTrees.delete(env);
    run(List.of(base.toString(), "-m", "venv", env.toString()));
    List<String> pip = new ArrayList<>(List.of(env.resolve("bin/python").toString(), "-m", "pip"));
    pip.addAll(List.of("install", "--quiet", "--disable-pip-version-check"));
    pip.addAll(REQUIREMENTS);
    run(pip);
    Files.writeString(env.resolve(READY), String.join("\n", REQUIREMENTS) + "\n");
  }

  private static List<Path> exposed(Path env) throws IOException {
    List<Path> paths = new ArrayList<>(List.of(env));
    for (String line : Files.readAllLines(env.resolve("pyvenv.cfg"))) {
      String[] kv = line.split("=", 2);
      if (kv.length == 2 && kv[0].strip().equals("home")) {
        Path home = Path.of(kv[1].strip());
        Path prefix = home.getParent() != null ? home.getParent() : home;
        if (!prefix.startsWith("/usr")) {
          paths.add(prefix.normalize());
        }
      }
    }
    return paths;
  }

  private static Path baseInterpreter() {
    for (String candidate : BASES) {
      Path path = Path.of(candidate);
      if (Files.isExecutable(path)) {
        return path;
      }
    }
    throw new ToolEnvException(
        "no python3 in "
            + String.join(" or ", BASES)
            + " to make the Python tool environment from"
            + " (Debian/Ubuntu: apt-get install python3 python3-venv)");
  }

  private static String hash(Path base) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((base + "\n" + String.join("\n", REQUIREMENTS)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void run(List<String> argv) throws IOException {
    Path log = Files.createTempFile("apex-toolenv-", ".log");
    try {
      Process process =
          new ProcessBuilder(argv)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!process.waitFor(PIP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new ToolEnvException(String.join(" ", argv) + " took over " + PIP_TIMEOUT);
      }
      if (process.exitValue() != 0) {
        String output = Files.readString(log, StandardCharsets.UTF_8).strip();
        String tail = output.length() > 600 ? output.substring(output.length() - 600) : output;
        throw new ToolEnvException(
            String.join(" ", argv) + " failed (exit " + process.exitValue() + "): " + tail);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolEnvException("interrupted while making the Python tool environment");
    } finally {
      FileTrees.delete(log);
    }
  }

  /** The tool environment cannot be made or found. */
  public static final class ToolEnvException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ToolEnvException(String message) {
      super(message);
    }
  }
}
