package dev.apex.workers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.activities.batch.WorkerIdentity;
import dev.apex.activities.sandbox.Sandbox;
import dev.apex.activities.sandbox.SandboxConfig;
import dev.apex.backends.BackendSettings;
import dev.apex.backends.Backends;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.ModelInfo;
import dev.apex.backends.cuda.CudaProbe;
import dev.apex.workers.metrics.MetricsServer;
import dev.apex.workers.metrics.WorkerMetrics;
import dev.apex.workers.supervisor.WorkerStatus;
import dev.apex.workflows.roles.Role;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One role's worker process: loads its pinned model, runs one warmup inference, and only then polls
 * the role's task queue. Exits non-zero with the reason when the model does not load.
 */
public final class RoleWorker {

  private static final Logger LOG = LoggerFactory.getLogger(RoleWorker.class);

  /** Heartbeats reach the server at least this often, so a cancellation arrives within it. */
  static final Duration HEARTBEAT_THROTTLE = Duration.ofSeconds(1);

  private static final ObjectMapper JSON = new ObjectMapper();

  private RoleWorker() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: RoleWorker planner|coder|runner|critic|summarizer");
      System.exit(ExitCode.USAGE);
    }
    Role role;
    try {
      role = Role.parse(args[0]);
    } catch (IllegalArgumentException e) {
      System.err.println("unknown role '" + args[0] + "'");
      System.exit(ExitCode.USAGE);
      return;
    }
    ExitCode.runOrExit(() -> run(role, System.getenv()));
  }

  static void run(Role role, Map<String, String> env) {
    ParentWatch.start(env);
    WorkerConfig config = WorkerConfig.forRole(env, role);
    BackendSettings settings = Objects.requireNonNull(config.backend());
    Liveness liveness = new Liveness();
    WorkerMetrics metrics = new WorkerMetrics(role.id());
    Map<String, Object> status = status(role.id(), env);
    status.put("model", String.valueOf(settings.modelPath()));
    status.put("backend", settings.backend());
    status.put(WorkerStatus.READY, false);
    MetricsServer server = serveStatus(env, config.metricsPort(), metrics, status, liveness);
    LOG.info(
        "metrics on "
            + server.url()
            + "; loading "
            + settings.backend()
            + " model "
            + settings.modelPath());
    // Connecting (mostly loading gRPC) overlaps the model load; polling still waits for warmup.
    CompletableFuture<WorkflowServiceStubs> service =
        CompletableFuture.supplyAsync(
            () ->
                TemporalConnection.workerService(
                    config.temporalAddress(), metrics.temporalScope(), liveness),
            runnable -> {
              Thread thread = new Thread(runnable, "temporal-connect");
              thread.setDaemon(true);
              thread.start();
            });
    RoleModels.of(env, config.home(), null).fetchIfDefault(settings, LOG::info);
    long start = System.nanoTime();
    ModelBackend model = Backends.open(settings);
    long loaded = System.nanoTime();
    model.warmup();
    long warm = System.nanoTime();
    metrics.modelLoaded(Duration.ofNanos(loaded - start), Duration.ofNanos(warm - loaded));
    ModelInfo info = model.info();
    status.put("device", info.deviceKind() + ":" + info.deviceName());
    if ("cuda".equals(info.deviceKind())) {
      // The probe that placed the model: free VRAM on its device as this worker loaded.
      CudaProbe.probe()
          .device(settings.cudaDevice())
          .ifPresent(device -> metrics.vramFree(device.freeBytes()));
    }
    String identity =
        WorkerIdentity.of(
            role,
            Path.of(info.model()).getFileName().toString(),
            config.host(),
            ProcessHandle.current().pid());
    WorkflowClient client = TemporalConnection.client(join(service), config.namespace(), identity);
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(role.taskQueue(), options(identity, settings.slots()));
    worker.registerActivitiesImplementations(
        RoleActivities.create(
            role,
            model,
            metrics,
            () -> Sandbox.forThisMachine(SandboxConfig.defaults(env)),
            SandboxConfig.defaults(env).toolEnvDir()));
    Serving.startPolling(factory, server, status);
    LOG.info(
        String.format(
            "ready: polling %s with %s on %s (%d ms after the JVM started: load %d ms, warmup %d"
                + " ms, then %d ms more for the Temporal connection)",
            role.taskQueue(),
            Path.of(info.model()).getFileName(),
            info.deviceKind(),
            sinceJvmStart().toMillis(),
            (loaded - start) / 1_000_000,
            (warm - loaded) / 1_000_000,
            (System.nanoTime() - warm) / 1_000_000));
    Serving.waitForever();
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

  /** Time since this process started, JVM start-up included. */
  static Duration sinceJvmStart() {
    return ProcessHandle.current()
        .info()
        .startInstant()
        .map(started -> Duration.between(started, Instant.now()))
        .orElse(Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()));
  }

  private static WorkflowServiceStubs join(CompletableFuture<WorkflowServiceStubs> service) {
    try {
      return service.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** The start of a worker's status: its role, pid and fleet. */
  static Map<String, Object> status(String role, Map<String, String> env) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("role", role);
    status.put(WorkerStatus.PID, ProcessHandle.current().pid());
    status.put(WorkerStatus.FLEET, env.getOrDefault(WorkerStatus.FLEET_ENV, ""));
    return status;
  }

  /**
   * Serves {@code metrics}, and {@code status} as {@link #json} renders it, on {@code port}; adds
   * the server's address to {@code status}.
   */
  static MetricsServer serveStatus(
      Map<String, String> env,
      int port,
      WorkerMetrics metrics,
      Map<String, Object> status,
      Liveness liveness) {
    MetricsServer server =
        new MetricsServer(
            env.getOrDefault("APEX_METRICS_HOST", "127.0.0.1"),
            port,
            metrics,
            () -> json(status, metrics, liveness));
    status.put("metrics", server.url());
    return server;
  }

  /**
   * What {@code /status} and {@code /ready} answer: the worker's identity ({@code pid}, {@code
   * fleet}), state, calls, and its pulse ({@code liveness_age_ms}, see {@link Liveness}).
   */
  static String json(Map<String, Object> status, WorkerMetrics metrics, Liveness liveness) {
    Map<String, Object> copy = new LinkedHashMap<>(status);
    copy.put(WorkerStatus.LIVENESS_AGE_MS, liveness.age().toMillis());
    copy.put("calls", metrics.callsServed());
    copy.put("busy", metrics.busySlots());
    try {
      return JSON.writeValueAsString(copy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
