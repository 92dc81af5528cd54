package dev.apex.workers;

import dev.apex.backends.BackendSettings;
import dev.apex.workflows.roles.Role;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A worker process's settings, read once from the environment in {@code main}.
 *
 * @param home APEX's home: relative paths (models, tasks, runs) resolve against it
 * @param temporalAddress the Temporal frontend, host:port
 * @param namespace the Temporal namespace
 * @param metricsPort where the worker serves Prometheus text; 0 picks a free port
 * @param backend the model this worker pins (role workers only)
 * @param workDir scratch space for grading and sandbox staging
 * @param host this machine's name, for worker identities
 */
public record WorkerConfig(
    Path home,
    String temporalAddress,
    String namespace,
    int metricsPort,
    @Nullable BackendSettings backend,
    Path workDir,
    String host) {

  public static final String DEFAULT_ADDRESS = "127.0.0.1:7233";
  public static final int METRICS_PORT_BASE = 9460;
  public static final String DEFAULT_NAMESPACE = "default";
  public static final String ROLES_CONFIG = "workers/roles.json";
  public static final String BUNDLED_TASKS = "tasks/apex-bugs/tasks.jsonl";

  /** Settings of the episode worker. */
  public static WorkerConfig episodes(Map<String, String> env) {
    Path home = home(env);
    return new WorkerConfig(
        home,
        env.getOrDefault("TEMPORAL_ADDRESS", DEFAULT_ADDRESS),
        env.getOrDefault("TEMPORAL_NAMESPACE", DEFAULT_NAMESPACE),
        port(env, metricsPortBase(env)),
        null,
        workDir(env),
        hostName());
  }

  /** Settings of {@code role}'s worker: its model from the roles config, then the environment. */
  public static WorkerConfig forRole(Map<String, String> env, Role role) {
    Path home = home(env);
    return new WorkerConfig(
        home,
        env.getOrDefault("TEMPORAL_ADDRESS", DEFAULT_ADDRESS),
        env.getOrDefault("TEMPORAL_NAMESPACE", DEFAULT_NAMESPACE),
        port(env, metricsPort(metricsPortBase(env), role)),
        backend(env, role, home),
        workDir(env),
        hostName());
  }

  /**
   * The episode worker's metrics port, {@code APEX_METRICS_PORT_BASE} or {@value
   * #METRICS_PORT_BASE}; the role workers take the next five.
   */
  public static int metricsPortBase(Map<String, String> env) {
    return intEnv(env, "APEX_METRICS_PORT_BASE", METRICS_PORT_BASE);
  }

  /** {@code role}'s metrics port in a fleet whose episode worker uses {@code base}. */
  public static int metricsPort(int base, Role role) {
    return base
        + switch (role) {
          case PLANNER -> 1;
          case CODER -> 2;
          case RUNNER -> 3;
          case CRITIC -> 4;
          case SUMMARIZER -> 5;
        };
  }

  /** The default task file. */
  public Path bundledTasks() {
    return home.resolve(BUNDLED_TASKS);
  }

  static BackendSettings backend(Map<String, String> env, Role role, Path home) {
    return RoleModels.of(env, home, null).forRole(role);
  }

  /** APEX's home: {@code APEX_HOME}, set by the launcher, else the working directory. */
  public static Path home(Map<String, String> env) {
    String home = env.get("APEX_HOME");
    return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
  }

  private static Path workDir(Map<String, String> env) {
    String dir = env.get("APEX_WORK_DIR");
    return dir == null || dir.isBlank()
        ? Path.of(System.getProperty("java.io.tmpdir"), "apex")
        : Path.of(dir).toAbsolutePath();
  }

  private static int port(Map<String, String> env, int fallback) {
    return intEnv(env, "APEX_METRICS_PORT", fallback);
  }

  static int intEnv(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + value + "'", e);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
