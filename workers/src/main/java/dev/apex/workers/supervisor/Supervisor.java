package dev.apex.workers.supervisor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.apex.workers.ExitCode;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Runs the worker processes: starts them, restarts one that dies (after its own backoff, with a log
 * line giving the reason), and stops them all, descendants included, when closed. Writes a state
 * file so {@code apex workers status|down} in another terminal can find them. Thread-safe.
 */
public final class Supervisor implements AutoCloseable {

  static final Duration STOP_GRACE = Duration.ofSeconds(10);
  private static final Duration TICK = Duration.ofMillis(200);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final List<WorkerProcess> workers = new ArrayList<>();
  private final Map<String, Backoff> backoffs = new HashMap<>();
  private final Map<String, Integer> restarts = new ConcurrentHashMap<>();
  private final Map<String, String> lastExit = new ConcurrentHashMap<>();
  private final Map<String, String> cannotStart = new ConcurrentHashMap<>();

  /** Workers that died and wait for their backoff, with when to start them again. */
  private final Map<WorkerProcess, Long> restartAt = new HashMap<>();

  private final Path stateFile;
  private volatile boolean stopping;
  private @Nullable Thread monitor;

  public Supervisor(List<WorkerSpec> specs, List<String> javaCommand, Path logDir, Path stateFile) {
    this.stateFile = stateFile;
    for (WorkerSpec spec : specs) {
      workers.add(new WorkerProcess(spec, javaCommand, logDir.resolve(spec.name() + ".log")));
      backoffs.put(spec.name(), new Backoff());
    }
  }

  /** Starts every worker and the thread that restarts them. */
  public synchronized void start() {
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
   * cannot start (e.g. its model does not load); names the workers still not ready at the end, with
   * why each last exited.
   */
  public void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> waiting = new ArrayList<>();
      for (WorkerProcess worker : workers) {
        String name = worker.spec().name();
        if (ready(worker.spec())) {
          continue;
        }
        String reason = cannotStart.get(name);
        if (reason != null) {
          throw new WorkersNotReadyException("the " + name + " worker cannot start: " + reason);
        }
        String exit = lastExit.get(name);
        waiting.add(exit == null ? name : name + " (last exit: " + exit + ")");
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

  /** Why each worker that died last exited, by worker. */
  public Map<String, String> lastExits() {
    return Map.copyOf(lastExit);
  }

  /** Pids of the worker processes, by worker; -1 for one not started. */
  public Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    for (WorkerProcess worker : workers) {
      pids.put(worker.spec().name(), worker.pid());
    }
    return pids;
  }

  /** Stops every worker and its descendants; they get {@link #STOP_GRACE} to exit on SIGTERM. */
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

  /**
   * Why a process ended, in words: the signal that killed it (the JVM reports 128 + signal), or its
   * exit code and the last line of its log.
   */
  static String exitReason(int exitCode, String lastLogLine) {
    if (exitCode > 128 && exitCode < 160) {
      int signal = exitCode - 128;
      String name =
          switch (signal) {
            case 9 -> "SIGKILL";
            case 15 -> "SIGTERM";
            case 6 -> "SIGABRT";
            case 11 -> "SIGSEGV";
            case 2 -> "SIGINT";
            default -> "signal " + signal;
          };
      return "killed by " + name + " (exit code " + exitCode + ")";
    }
    return "exit code " + exitCode + (lastLogLine.isBlank() ? "" : ": " + lastLogLine.strip());
  }

  private void monitor() {
    while (!stopping) {
      for (WorkerProcess worker : workers) {
        check(worker);
      }
      try {
        Thread.sleep(TICK.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Notices a worker that died and schedules its restart; restarts it when its time comes. */
  private synchronized void check(WorkerProcess worker) {
    if (stopping) {
      return;
    }
    Long due = restartAt.get(worker);
    if (due != null) {
      if (System.nanoTime() - due >= 0) {
        restartAt.remove(worker);
        worker.start();
        restarts.merge(worker.spec().name(), 1, Integer::sum);
        Log.info("restarted the " + worker.spec().name() + " worker (pid " + worker.pid() + ")");
        writeState();
      }
      return;
    }
    Process process = worker.process();
    if (process == null || process.isAlive()) {
      return;
    }
    String name = worker.spec().name();
    int exitCode = process.exitValue();
    String reason = exitReason(exitCode, worker.logTail(1));
    Duration uptime = worker.uptime();
    Duration delay = backoffs.computeIfAbsent(name, n -> new Backoff()).after(uptime);
    lastExit.put(name, reason);
    if (exitCode == ExitCode.CANNOT_START) {
      cannotStart.put(name, reason);
    }
    Log.info(
        "the "
            + name
            + " worker (pid "
            + worker.pid()
            + ") died after "
            + uptime.toSeconds()
            + " s, "
            + reason
            + "; restarting in "
            + delay.toMillis()
            + " ms");
    restartAt.put(worker, System.nanoTime() + delay.toNanos());
    writeState();
  }

  private synchronized void writeState() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("supervisor_pid", ProcessHandle.current().pid());
    state.put("updated", Instant.now().toString());
    List<Map<String, Object>> list = new ArrayList<>();
    for (WorkerProcess worker : workers) {
      String name = worker.spec().name();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", name);
      entry.put("pid", worker.pid());
      entry.put("status_url", worker.spec().statusUrl());
      entry.put("metrics_url", worker.spec().metricsUrl());
      entry.put("log", worker.log().toString());
      entry.put("restarts", restarts.getOrDefault(name, 0));
      entry.put("last_exit", lastExit.get(name));
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
