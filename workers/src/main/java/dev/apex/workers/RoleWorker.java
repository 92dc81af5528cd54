package dev.apex.workers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.activities.batch.WorkerIdentity;
import dev.apex.activities.sandbox.Sandbox;
import dev.apex.activities.sandbox.SandboxConfig;
import dev.apex.backends.BackendException;
import dev.apex.backends.BackendSettings;
import dev.apex.backends.Backends;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.ModelInfo;
import dev.apex.workers.metrics.MetricsServer;
import dev.apex.workers.metrics.WorkerMetrics;
import dev.apex.workflows.roles.Role;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One role's worker process: loads its pinned model, runs one warmup inference, and only then polls
 * the role's task queue. Exits non-zero with the reason when the model does not load.
 */
public final class RoleWorker {

  /** Heartbeats reach the server at least this often, so a cancellation arrives within it. */
  static final Duration HEARTBEAT_THROTTLE = Duration.ofSeconds(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private RoleWorker() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: RoleWorker planner|coder|runner|critic|summarizer");
      System.exit(2);
    }
    Role role;
    try {
      role = Role.parse(args[0]);
    } catch (IllegalArgumentException e) {
      System.err.println("unknown role '" + args[0] + "'");
      System.exit(2);
      return;
    }
    Log.name("apex-" + role.id());
    try {
      run(role, System.getenv());
    } catch (TemporalUnreachableException e) {
      Log.info("cannot start yet: " + e.getMessage());
      System.exit(TemporalUnreachableException.EXIT_CODE);
    } catch (IllegalArgumentException | IllegalStateException | BackendException e) {
      Log.info("cannot start: " + e.getMessage());
      System.exit(3);
    }
  }

  static void run(Role role, Map<String, String> env) {
    ParentWatch.start(env);
    WorkerConfig config = WorkerConfig.forRole(env, role);
    BackendSettings settings = Objects.requireNonNull(config.backend());
    WorkerMetrics metrics = new WorkerMetrics(role.id());
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("role", role.id());
    status.put("pid", ProcessHandle.current().pid());
    status.put("model", String.valueOf(settings.modelPath()));
    status.put("backend", settings.backend());
    status.put("ready", false);
    MetricsServer server =
        new MetricsServer(
            env.getOrDefault("APEX_METRICS_HOST", "127.0.0.1"),
            config.metricsPort(),
            metrics,
            () -> json(status, metrics));
    status.put("metrics", server.url());
    Log.info(
        "metrics on "
            + server.url()
            + "; loading "
            + settings.backend()
            + " model "
            + settings.modelPath());
    long start = System.nanoTime();
    ModelBackend model = Backends.open(settings);
    long loaded = System.nanoTime();
    model.warmup();
    long warm = System.nanoTime();
    metrics.modelLoaded(Duration.ofNanos(loaded - start), Duration.ofNanos(warm - loaded));
    ModelInfo info = model.info();
    status.put("device", info.deviceKind() + ":" + info.deviceName());
    String identity =
        WorkerIdentity.of(
            role,
            Path.of(info.model()).getFileName().toString(),
            config.host(),
            ProcessHandle.current().pid());
    WorkflowClient client =
        TemporalConnection.connect(
            config.temporalAddress(), config.namespace(), identity, metrics.temporalScope());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(role.taskQueue(), options(identity, settings.slots()));
    worker.registerActivitiesImplementations(
        RoleActivities.create(
            role, model, metrics, () -> Sandbox.forThisMachine(SandboxConfig.defaults(env))));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              factory.shutdownNow();
              server.close();
            }));
    factory.start();
    status.put("ready", true);
    server.markReady();
    Log.info(
        String.format(
            "ready: polling %s with %s on %s (load %d ms, warmup %d ms)",
            role.taskQueue(),
            Path.of(info.model()).getFileName(),
            info.deviceKind(),
            (loaded - start) / 1_000_000,
            (warm - loaded) / 1_000_000));
    waitForever();
  }

  /**
   * How a role worker polls: its warm identity, its slots, heartbeats sent at least every second.
   */
  public static WorkerOptions options(String identity, int slots) {
    return WorkerOptions.newBuilder()
        .setIdentity(identity)
        .setMaxConcurrentActivityExecutionSize(slots)
        .setMaxConcurrentActivityTaskPollers(1)
        .setMaxHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
        .setDefaultHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
        .build();
  }

  static String json(Map<String, Object> status, WorkerMetrics metrics) {
    Map<String, Object> copy = new LinkedHashMap<>(status);
    copy.put("calls", metrics.callsServed());
    try {
      return JSON.writeValueAsString(copy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void waitForever() {
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
