package dev.apex.workers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.backends.BackendException;
import dev.apex.workers.RoleModels;
import dev.apex.workers.supervisor.Supervisor;
import dev.apex.workers.supervisor.WorkerStatus;
import dev.apex.workers.supervisor.WorkersNotReadyException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code apex workers up|down|status}: the local fleet of worker processes. */
@Command(
    name = "workers",
    description = "Start, stop or list the five role workers and the episode worker.",
    subcommands = {WorkersCommand.Up.class, WorkersCommand.Down.class, WorkersCommand.Status.class})
final class WorkersCommand {

  private static final Logger LOG = LoggerFactory.getLogger(WorkersCommand.class);

  private static final ObjectMapper JSON = new ObjectMapper();

  @Command(
      name = "up",
      description =
          "Start the workers, wait until all are warm, restart any that dies; Ctrl-C stops them all.")
  static final class Up implements Callable<Integer> {

    @Mixin BackendOption backend = new BackendOption();

    @Mixin SandboxOption sandbox = new SandboxOption();

    @Option(
        names = "--ready-timeout-s",
        defaultValue = "300",
        description = "Seconds to wait for readiness (default ${DEFAULT-VALUE}).")
    int readyTimeoutS;

    @Override
    public Integer call() throws InterruptedException {
      Path home = Home.path();
      try {
        RoleModels.of(System.getenv(), home, backend.backend).prepareAll(LOG::info);
      } catch (IllegalArgumentException | BackendException e) {
        System.err.println("apex workers: " + e.getMessage());
        return 1;
      }
      SandboxGate gate = sandbox.open(System.getenv(), "apex workers", System.out, System.err);
      if (gate == null) {
        return SandboxGate.EXIT_NO_SANDBOX;
      }
      Path fleetDir = Fleet.stateDir(home);
      Optional<FleetLock> claim = FleetLock.tryClaim(fleetDir, FleetLock.Owner.WORKERS_UP);
      if (claim.isEmpty()) {
        System.err.println(
            "apex workers: "
                + FleetLock.holder(fleetDir).describe()
                + " already runs the workers on these ports ("
                + fleetDir
                + "); see ./apex workers status, or set APEX_METRICS_PORT_BASE for another fleet");
        return 1;
      }
      Supervisor supervisor =
          Fleet.supervisor(
              home,
              new LocalServer(home, System.getenv()).address(),
              backend.backend,
              false,
              gate.workerEnv());
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> {
                supervisor.close();
                stopped.countDown();
              }));
      long start = System.nanoTime();
      supervisor.start();
      try {
        supervisor.awaitReady(Duration.ofSeconds(readyTimeoutS));
      } catch (WorkersNotReadyException e) {
        System.err.println("apex workers: " + e.getMessage());
        System.exit(1);
      }
      LOG.info(
          String.format(
              "all workers ready in %.1f s; Ctrl-C or ./apex workers down stops them",
              (System.nanoTime() - start) / 1e9));
      stopped.await();
      return 0;
    }
  }

  @Command(name = "down", description = "Stop the workers that ./apex workers up started.")
  static final class Down implements Callable<Integer> {
    @Override
    public Integer call() throws InterruptedException, IOException {
      Path home = Home.path();
      Optional<Long> supervisor = running(home);
      if (supervisor.isEmpty()) {
        System.out.println("apex workers: not running");
        return 0;
      }
      ProcessHandle handle = ProcessHandle.of(supervisor.get()).orElseThrow();
      handle.destroy();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (handle.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      for (JsonNode worker : state(home).path("workers")) {
        ProcessHandle.of(worker.path("pid").asLong()).ifPresent(ProcessHandle::destroyForcibly);
      }
      Files.deleteIfExists(Fleet.stateFile(home));
      System.out.println("apex workers: stopped");
      return 0;
    }
  }

  @Command(
      name = "status",
      description = "One row per worker: role, pid, model, device, ready, calls, metrics URL.")
  static final class Status implements Callable<Integer> {
    @Override
    public Integer call() {
      Path home = Home.path();
      JsonNode state = state(home);
      if (state.isMissingNode()) {
        System.out.println("apex workers: not running (./apex workers up starts them)");
        return 1;
      }
      System.out.printf(
          "%-11s %-8s %-38s %-14s %-6s %-6s %s%n",
          "ROLE", "PID", "MODEL", "DEVICE", "READY", "CALLS", "METRICS");
      boolean allReady = true;
      for (JsonNode worker : state.path("workers")) {
        JsonNode status = fetch(worker.path("status_url").asText());
        boolean alive =
            ProcessHandle.of(worker.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false);
        // Ready only when the answer on its port is its own: this fleet's id, this worker's pid.
        boolean ready =
            alive
                && status.path(WorkerStatus.READY).asBoolean(false)
                && status.path(WorkerStatus.FLEET).asText().equals(state.path("fleet_id").asText())
                && status.path(WorkerStatus.PID).asLong() == worker.path("pid").asLong();
        allReady &= ready;
        System.out.printf(
            "%-11s %-8s %-38s %-14s %-6s %-6s %s%n",
            worker.path("name").asText(),
            alive ? worker.path("pid").asText() : "dead",
            shorten(Path.of(status.path("model").asText("-")).getFileName().toString(), 38),
            status.path("device").asText("-"),
            ready ? "yes" : "no",
            status.path("calls").asText("-"),
            worker.path("metrics_url").asText());
      }
      return allReady ? 0 : 1;
    }
  }

  static Optional<Long> running(Path home) {
    JsonNode state = state(home);
    if (state.isMissingNode()) {
      return Optional.empty();
    }
    long pid = state.path("supervisor_pid").asLong();
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
  }

  static JsonNode state(Path home) {
    Path file = Fleet.stateFile(home);
    try {
      return Files.exists(file) ? JSON.readTree(file.toFile()) : JSON.missingNode();
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  private static JsonNode fetch(String url) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                  HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      return JSON.missingNode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return JSON.missingNode();
    }
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
