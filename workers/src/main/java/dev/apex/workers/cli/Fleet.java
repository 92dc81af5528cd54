package dev.apex.workers.cli;

import dev.apex.workers.EpisodeWorker;
import dev.apex.workers.RoleWorker;
import dev.apex.workers.WorkerConfig;
import dev.apex.workers.supervisor.Supervisor;
import dev.apex.workers.supervisor.WorkerSpec;
import dev.apex.workflows.roles.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The six worker processes APEX runs on one machine, and how to start them. */
final class Fleet {

  private Fleet() {}

  /** Where {@code apex workers} keeps its state file and logs. */
  static Path stateDir(Path home) {
    return home.resolve(".apex");
  }

  static Path stateFile(Path home) {
    return stateDir(home).resolve("workers.json");
  }

  /**
   * The five role workers and the episode worker; {@code backend} overrides the roles config when
   * set; with {@code episodesOnly} just the episode worker (grading given patches needs no model).
   */
  static Supervisor supervisor(
      Path home, String address, @Nullable String backend, boolean episodesOnly) {
    Map<String, String> env = new HashMap<>();
    env.put("APEX_HOME", home.toString());
    env.put("TEMPORAL_ADDRESS", address);
    env.put("APEX_SUPERVISOR_PID", Long.toString(ProcessHandle.current().pid()));
    if (backend != null) {
      env.put("APEX_LLM_BACKEND", backend);
    }
    int base = portBase();
    List<WorkerSpec> specs = new ArrayList<>();
    specs.add(spec("episodes", EpisodeWorker.class, List.of(), env, base));
    if (!episodesOnly) {
      for (Role role : Role.values()) {
        specs.add(
            spec(
                role.id(),
                RoleWorker.class,
                List.of(role.id()),
                env,
                WorkerConfig.metricsPort(base, role)));
      }
    }
    return new Supervisor(specs, javaCommand(), stateDir(home).resolve("logs"), stateFile(home));
  }

  /** The episode worker's metrics port; the role workers take the next five. */
  static int portBase() {
    String base = System.getenv("APEX_METRICS_PORT_BASE");
    return base == null || base.isBlank()
        ? WorkerConfig.METRICS_PORT_BASE
        : Integer.parseInt(base.trim());
  }

  private static WorkerSpec spec(
      String name, Class<?> main, List<String> args, Map<String, String> env, int port) {
    Map<String, String> own = new HashMap<>(env);
    own.put("APEX_METRICS_PORT", Integer.toString(port));
    return new WorkerSpec(name, main.getName(), args, own, port);
  }

  /** This JVM's java and class path, so workers run exactly the code the CLI runs. */
  static List<String> javaCommand() {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command =
        new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
    if (Runtime.version().feature() >= 23) {
      // gRPC's netty still uses sun.misc.Unsafe; allow it without the JDK's warning.
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(
        List.of(
            "-XX:+UseSerialGC",
            "-Xmx512m",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-cp",
            System.getProperty("java.class.path")));
    return command;
  }
}
