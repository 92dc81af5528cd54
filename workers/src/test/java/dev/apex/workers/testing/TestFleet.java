package dev.apex.workers.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.backends.DefaultModel;
import dev.apex.workers.TemporalConnection;
import dev.apex.workers.WorkerConfig;
import dev.apex.workers.cli.Fleet;
import dev.apex.workers.supervisor.Supervisor;
import dev.apex.workflows.TaskQueues;
import dev.apex.workflows.episode.EpisodeInput;
import dev.apex.workflows.episode.EpisodeWorkflow;
import dev.apex.workflows.episode.TimeRule;
import dev.apex.workflows.policy.PolicySettings;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.TaskRef;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real fleet of this checkout for ITs: the five role workers and the episode worker, started
 * in-process through {@link Fleet} as {@code apex workers up} starts them (same JVM options, same
 * roles config, the default model), polling the dev server. State file, logs and the class-data
 * archive go to {@code workers/target/it-fleet}; metrics ports start at {@code
 * APEX_METRICS_PORT_BASE} like the CLI's. Records every worker process and its descendants while it
 * runs, so a test can check that none outlives {@link #close}.
 */
public final class TestFleet implements AutoCloseable {

  /** Six JVMs loading on two busy cores take long; the supervisor says who is missing. */
  public static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

  public static final String TASK = "py-median-even";
  public static final String TASKS_FILE = WorkerConfig.BUNDLED_TASKS;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final DevServer server;
  private final Supervisor supervisor;
  private final Path stateDir;
  private final int portBase;
  private final Duration readyIn;
  private final WorkflowClient client;
  private final Map<Long, ProcessHandle> seen = new ConcurrentHashMap<>();
  private final Thread sampler;
  private volatile boolean closed;

  private TestFleet(
      DevServer server, Supervisor supervisor, Path stateDir, int portBase, Duration readyIn) {
    this.server = server;
    this.supervisor = supervisor;
    this.stateDir = stateDir;
    this.portBase = portBase;
    this.readyIn = readyIn;
    this.client = TemporalConnection.connect(server.address(), server.namespace(), "apex-it");
    this.sampler = new Thread(this::sample, "fleet-process-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts the dev server if needed, then the fleet, and waits until the supervisor says ready. */
  public static TestFleet up() throws InterruptedException {
    DevServer server = DevServer.ensureRunning();
    Path home = server.repoRoot();
    DefaultModel.fetchIfMissing(home, message -> System.err.println("TestFleet: " + message));
    Path stateDir = home.resolve("workers/target/it-fleet");
    int portBase = WorkerConfig.metricsPortBase(System.getenv());
    Supervisor supervisor =
        Fleet.supervisor(
            home,
            Map.of(
                "TEMPORAL_ADDRESS", server.address(),
                "TEMPORAL_NAMESPACE", server.namespace(),
                "APEX_WORK_DIR", stateDir.resolve("work").toString()),
            false,
            portBase,
            stateDir);
    long start = System.nanoTime();
    supervisor.start();
    try {
      supervisor.awaitReady(READY_TIMEOUT);
    } catch (RuntimeException | InterruptedException e) {
      supervisor.close();
      throw e;
    }
    Duration readyIn = Duration.ofNanos(System.nanoTime() - start);
    System.out.printf("fleet ready in %.1f s%n", readyIn.toMillis() / 1000.0);
    return new TestFleet(server, supervisor, stateDir, portBase, readyIn);
  }

  public DevServer server() {
    return server;
  }

  public Supervisor supervisor() {
    return supervisor;
  }

  public WorkflowClient client() {
    return client;
  }

  public WorkflowServiceStubs service() {
    return client.getWorkflowServiceStubs();
  }

  /** How long {@code up} waited for the supervisor's readiness. */
  public Duration readyIn() {
    return readyIn;
  }

  public Path stateFile() {
    return stateDir.resolve("workers.json");
  }

  public Path log(String worker) {
    return stateDir.resolve("logs").resolve(worker + ".log");
  }

  /** The metrics port of a worker: {@code episodes} or a role's id. */
  public int port(String worker) {
    return worker.equals("episodes")
        ? portBase
        : WorkerConfig.metricsPort(portBase, Role.parse(worker));
  }

  /** A worker's {@code /status}. */
  public JsonNode status(String worker) {
    try {
      return JSON.readTree(get(worker, "/status"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body of {@code path} on a worker's metrics server. */
  public String get(String worker, String path) {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(worker) + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** An episode on the bundled task {@link #TASK}, its run directory {@code runDir}. */
  public EpisodeInput episode(
      String policy, int budget, TimeRule rule, PolicySettings settings, Path runDir) {
    return new EpisodeInput(
        new TaskRef(TASK, server.repoRoot().resolve(TASKS_FILE).toString()),
        policy,
        budget,
        "swe",
        rule,
        settings,
        runDir.toString(),
        null,
        null);
  }

  /** Starts an episode on {@code apex-episodes} and returns its stub. */
  public EpisodeWorkflow start(String workflowId, EpisodeInput input) {
    EpisodeWorkflow episode =
        client.newWorkflowStub(
            EpisodeWorkflow.class,
            TaskQueues.onEpisodes(workflowId)
                .setWorkflowRunTimeout(input.timeRule().runTimeout())
                .build());
    WorkflowClient.start(episode::run, input);
    return episode;
  }

  /** Every worker process and descendant seen so far, with the ones still running. */
  public List<ProcessHandle> stillRunning() {
    sampleOnce();
    return seen.values().stream().filter(ProcessHandle::isAlive).toList();
  }

  /** Process handles seen so far (a handle stays tied to its process, whatever reuses the pid). */
  public int processesSeen() {
    return seen.size();
  }

  /** Stops the fleet as {@code apex workers down} does; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    sampleOnce();
    closed = true;
    sampler.interrupt();
    supervisor.close();
    client.getWorkflowServiceStubs().shutdownNow();
  }

  /** Describes processes for an assertion message: pid and command line. */
  public static List<String> describe(List<ProcessHandle> processes) {
    List<String> lines = new ArrayList<>();
    for (ProcessHandle process : processes) {
      lines.add(process.pid() + " " + process.info().commandLine().orElse("?"));
    }
    return lines;
  }

  private void sample() {
    while (!closed) {
      sampleOnce();
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void sampleOnce() {
    if (closed) {
      return;
    }
    for (long pid : supervisor.pids().values()) {
      ProcessHandle.of(pid)
          .ifPresent(worker -> {
            seen.putIfAbsent(worker.pid(), worker);
            worker.descendants().forEach(d -> seen.putIfAbsent(d.pid(), d));
          });
    }
  }
}
