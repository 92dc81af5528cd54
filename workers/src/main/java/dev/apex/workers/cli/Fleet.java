package dev.apex.workers.cli;

import dev.apex.workers.EpisodeWorker;
import dev.apex.workers.RoleModels;
import dev.apex.workers.RoleWorker;
import dev.apex.workers.WorkerConfig;
import dev.apex.workers.supervisor.Supervisor;
import dev.apex.workers.supervisor.WorkerSpec;
import dev.apex.workflows.roles.Role;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The six worker processes APEX runs on one machine, and how to start them. */
public final class Fleet {

  private static final String STATE_FILE = "workers.json";
  private static final Pattern CLASS_PATH_SEPARATOR =
      Pattern.compile(Pattern.quote(File.pathSeparator));

  private Fleet() {}

  /**
   * Where the fleet whose episode worker serves on {@code portBase} keeps its state file, lock and
   * logs: each fleet of a checkout has a folder of its own, as it has ports of its own.
   */
  public static Path stateDir(Path home, int portBase) {
    return home.resolve(".apex").resolve("fleet-" + portBase);
  }

  /** The state folder of the fleet this process's environment names. */
  static Path stateDir(Path home) {
    return stateDir(home, WorkerConfig.metricsPortBase(System.getenv()));
  }

  static Path stateFile(Path home) {
    return stateDir(home).resolve(STATE_FILE);
  }

  /**
   * The five role workers and the episode worker as {@code apex workers up} runs them; {@code
   * backend} overrides the roles config when set; with {@code episodesOnly} just the episode worker
   * (grading given patches needs no model).
   */
  static Supervisor supervisor(
      Path home,
      String address,
      @Nullable String backend,
      boolean episodesOnly,
      Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("TEMPORAL_ADDRESS", address);
    env.putAll(RoleModels.workerEnvFor(backend));
    int portBase = WorkerConfig.metricsPortBase(System.getenv());
    return supervisor(home, env, episodesOnly, portBase, stateDir(home, portBase));
  }

  /**
   * The fleet of {@code home}'s checkout: {@code env} is added to each worker's environment (which
   * is otherwise this process's), the episode worker serves metrics on {@code portBase} and the
   * role workers on the next five ports, and the state file and logs go under {@code stateDir}.
   */
  public static Supervisor supervisor(
      Path home, Map<String, String> env, boolean episodesOnly, int portBase, Path stateDir) {
    Map<String, String> common = new HashMap<>(env);
    common.put("APEX_HOME", home.toString());
    common.put("APEX_SUPERVISOR_PID", Long.toString(ProcessHandle.current().pid()));
    // APEX_WORKER_CDS=0 starts workers without the archive (e.g. to measure what it saves). The
    // JVM archives classes from jars only: a class path with directories (tests, IDEs) goes
    // without.
    Path cds =
        RoleModels.isFalse(System.getenv("APEX_WORKER_CDS")) || classPathHasDirectories()
            ? null
            : home.resolve(".apex").resolve("cds");
    List<WorkerSpec> specs = new ArrayList<>();
    specs.add(
        spec(
            "episodes",
            sharedArchive(cds, "episodes", true),
            EpisodeWorker.class,
            List.of(),
            common,
            portBase));
    if (!episodesOnly) {
      for (Role role : Role.values()) {
        specs.add(
            spec(
                role.id(),
                // One archive for the five: mapped from one file, its pages are shared.
                sharedArchive(cds, "role-workers", role == Role.PLANNER),
                RoleWorker.class,
                List.of(role.id()),
                common,
                WorkerConfig.metricsPort(portBase, role)));
      }
    }
    return new Supervisor(
        specs,
        javaCommand(),
        stateDir.resolve("logs"),
        stateDir.resolve(STATE_FILE),
        stallAfter(System.getenv()));
  }

  /**
   * Why an eval cannot use the fleet of {@code fleetDir} that {@code holder} runs for itself (it
   * stops when its holder ends), and what to do instead: one line.
   */
  static String busy(FleetLock.Holder holder, Path fleetDir) {
    int base = WorkerConfig.metricsPortBase(System.getenv());
    return holder.describe()
        + " runs its own workers on ports "
        + base
        + "-"
        + (base + Role.values().length)
        + " of this checkout, and they stop when it ends ("
        + fleetDir
        + "): wait for it, run ./apex workers up once so every eval shares one fleet, or give"
        + " this eval a fleet of its own with APEX_METRICS_PORT_BASE="
        + (base + 20);
  }

  /** {@code APEX_WORKER_STALL_S}, or the supervisor's default. */
  static Duration stallAfter(Map<String, String> env) {
    String value = env.get("APEX_WORKER_STALL_S");
    if (value == null || value.isBlank()) {
      return Supervisor.STALL_AFTER;
    }
    try {
      int seconds = Integer.parseInt(value.strip());
      if (seconds < 1) {
        throw new NumberFormatException();
      }
      return Duration.ofSeconds(seconds);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "APEX_WORKER_STALL_S must be a whole number of seconds, 1 or more, got '" + value + "'",
          e);
    }
  }

  private static WorkerSpec spec(
      String name,
      List<String> jvmOptions,
      Class<?> main,
      List<String> args,
      Map<String, String> env,
      int port) {
    Map<String, String> own = new HashMap<>(env);
    own.put("APEX_METRICS_PORT", Integer.toString(port));
    return new WorkerSpec(name, jvmOptions, main.getName(), args, own, port);
  }

  /**
   * JVM options that map the class-data archive {@code name} in {@code dir}: the classes of an
   * earlier run, already parsed and verified, which halves a worker's start-up CPU. The file is
   * named for this class path and JDK, because the JVM ignores an archive made for others and does
   * not replace it. Only its {@code writer} creates it, at exit, when it is missing (and removes
   * the ones of earlier builds); the others use it once it exists.
   */
  static List<String> sharedArchive(@Nullable Path dir, String name, boolean writer) {
    List<String> options = new ArrayList<>();
    if (dir == null) {
      return options;
    }
    Path file = dir.resolve(name + "-" + classPathFingerprint() + ".jsa");
    if (writer) {
      try {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, name + "-*.jsa")) {
          for (Path stale : old) {
            if (!stale.equals(file)) {
              // Workers still mapping it keep their pages; the name just goes.
              Files.deleteIfExists(stale);
            }
          }
        }
      } catch (IOException e) {
        return options;
      }
      options.add("-XX:+AutoCreateSharedArchive");
      options.add("-XX:SharedArchiveFile=" + file);
    } else if (Files.isRegularFile(file)) {
      options.add("-XX:SharedArchiveFile=" + file);
    }
    // Classes that cannot be archived are reported as warnings at exit: not news.
    options.add("-Xlog:cds=off");
    options.add("-Xlog:cds+dynamic=off");
    return options;
  }

  /** Changes whenever the JDK or a class path entry (its name, size or time) does. */
  static String classPathFingerprint() {
    StringBuilder key = new StringBuilder(Runtime.version().toString());
    CLASS_PATH_SEPARATOR
        .splitAsStream(System.getProperty("java.class.path"))
        .forEach(entry -> {
          Path path = Path.of(entry);
          key.append('|').append(entry);
          try {
            key.append(':')
                .append(Files.size(path))
                .append(':')
                .append(Files.getLastModifiedTime(path).toMillis());
          } catch (IOException e) {
            key.append(":missing");
          }
        });
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(key.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static boolean classPathHasDirectories() {
    return CLASS_PATH_SEPARATOR
        .splitAsStream(System.getProperty("java.class.path"))
        .anyMatch(entry -> Files.isDirectory(Path.of(entry)));
  }

  /**
   * This JVM's java and class path, so workers run exactly the code the CLI runs, plus {@code
   * APEX_WORKER_JAVA_OPTS}.
   */
  public static List<String> javaCommand() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
    if (Runtime.version().feature() >= 23) {
      // gRPC's netty still uses sun.misc.Unsafe; allow it without the JDK's warning.
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    // Workers spend their time in native decoding and waiting: C1 alone starts them on less CPU.
    // Their live heap is a few MB; a small young generation keeps the default ~100 MB eden, which
    // the serial collector touches end to end, from becoming resident in each of them.
    command.addAll(
        List.of(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xmx512m",
            "-Xmn16m",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
    String extra = System.getenv("APEX_WORKER_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    return command;
  }
}
