package dev.apex.workers.supervisor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.apex.workers.Log;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the worker processes: starts them, restarts one that dies (after its backoff, with a log
 * line giving the reason), and stops them all, descendants included, when closed. Writes a state
 * file so {@code apex workers status|down} in another terminal can find them.
 */
public final class Supervisor implements AutoCloseable {

  static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final List<WorkerProcess> workers = new ArrayList<>();
  private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
  private final Map<String, Integer> restarts = new ConcurrentHashMap<>();
  private final Map<String, String> lastExit = new ConcurrentHashMap<>();
  private final Path stateFile;
  private volatile boolean stopping;
  private @org.jspecify.annotations.Nullable Thread monitor;

  public Supervisor(List<WorkerSpec> specs, List<String> javaCommand, Path logDir, Path stateFile) {
    this.stateFile = stateFile;
    for (WorkerSpec spec : specs) {
      workers.add(new WorkerProcess(spec, javaCommand, logDir.resolve(spec.name() + ".log")));
      backoffs.put(spec.name(), new Backoff());
    }
  }

  /** Starts every worker and the thread that restarts them. */
  public void start() {
    for (WorkerProcess worker : workers) {
      worker.start();
      Log.info(
          "started the "
              + worker.spec().name()
              + " worker (pid "
              + worker.pid()
              + ", log "
              + worker.log()
              + ")");
    }
    writeState();
    Thread thread = new Thread(this::monitor, "apex-supervisor");
    thread.setDaemon(true);
    thread.start();
    monitor = thread;
  }

  /**
   * Waits until every worker says it is ready. Fails early, with the worker's own words, when one
   * cannot start (e.g. its model does not load); names the workers still not ready at the end.
   */
  public void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> waiting = new ArrayList<>();
      for (WorkerProcess worker : workers) {
        String name = worker.spec().name();
        if (lastExit.containsKey(name)) {
          throw new WorkersNotReadyException(
              "the " + name + " worker cannot start: " + lastExit.get(name));
        }
        if (!ready(worker.spec())) {
          waiting.add(name);
        }
      }
      if (waiting.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new WorkersNotReadyException(
            "workers not ready after " + timeout.toSeconds() + " s: " + String.join(", ", waiting));
      }
      Thread.sleep(250);
    }
  }

  /** Restarts so far, by worker. */
  public Map<String, Integer> restarts() {
    return Map.copyOf(restarts);
  }

  /** Pids of the running worker processes, by worker. */
  public Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    for (WorkerProcess worker : workers) {
      pids.put(worker.spec().name(), worker.pid());
    }
    return pids;
  }

  @Override
  public synchronized void close() {
    if (stopping) {
      return;
    }
    stopping = true;
    Thread thread = monitor;
    if (thread != null) {
      thread.interrupt();
    }
    List<Thread> stoppers = new ArrayList<>();
    for (WorkerProcess worker : workers) {
      Thread stopper = new Thread(() -> worker.stop(STOP_GRACE));
      stopper.start();
      stoppers.add(stopper);
    }
    for (Thread stopper : stoppers) {
      try {
        stopper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(stateFile);
    } catch (IOException e) {
      Log.info("cannot remove " + stateFile + ": " + e.getMessage());
    }
    Log.info("stopped all workers");
  }

  static boolean ready(WorkerSpec spec) {
    try {
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(spec.readyUrl()))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void monitor() {
    while (!stopping) {
      for (WorkerProcess worker : workers) {
        Process process = worker.process();
        if (stopping || process == null || process.isAlive()) {
          continue;
        }
        restart(worker, process.exitValue());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private void restart(WorkerProcess worker, int exitCode) {
    String name = worker.spec().name();
    String reason = worker.logTail(1);
    Duration delay = backoffs.computeIfAbsent(name, n -> new Backoff()).after(worker.uptime());
    Log.info(
        "the "
            + name
            + " worker (pid "
            + worker.pid()
            + ") exited with code "
            + exitCode
            + " after "
            + worker.uptime().toSeconds()
            + " s: "
            + reason
            + "; restarting in "
            + delay.toMillis()
            + " ms");
    if (exitCode == 3) {
      lastExit.put(name, reason);
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (stopping) {
      return;
    }
    worker.start();
    restarts.merge(name, 1, Integer::sum);
    writeState();
  }

  private synchronized void writeState() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("supervisor_pid", ProcessHandle.current().pid());
    state.put("updated", Instant.now().toString());
    List<Map<String, Object>> list = new ArrayList<>();
    for (WorkerProcess worker : workers) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", worker.spec().name());
      entry.put("pid", worker.pid());
      entry.put("status_url", worker.spec().statusUrl());
      entry.put("metrics_url", worker.spec().metricsUrl());
      entry.put("log", worker.log().toString());
      list.add(entry);
    }
    state.put("workers", list);
    try {
      Files.createDirectories(stateFile.getParent());
      JSON.writeValue(stateFile.toFile(), state);
    } catch (IOException e) {
      Log.info("cannot write " + stateFile + ": " + e.getMessage());
    }
  }
}
