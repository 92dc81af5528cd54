package dev.apex.workers.supervisor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.apex.workers.ExitCode;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the worker processes of one fleet: starts them, restarts one that dies (after its own
 * backoff, with a log line giving the reason) or stalls, and stops them all, descendants included,
 * when closed. The fleet has an id of its own, given to each worker: a worker counts as ready or
 * alive only when its endpoint answers with this fleet's id and its own pid, so another fleet's
 * worker on the same port is never mistaken for one of ours. A worker that stops answering, or
 * whose pulse (see {@code Liveness}) is older than the stall threshold, is killed and restarted.
 * Writes a state file so {@code apex workers status|down} in another terminal can find them.
 * Thread-safe.
 */
public final class Supervisor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);

  static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /**
   * A worker silent this long (no answer on {@code /status}, or no call to the server ended and no
   * poll waiting) is stalled. Above the 1 s heartbeats of a role call and the instant between two
   * polls by far; polls wait for a server that is away, so an outage does not age a worker.
   */
  public static final Duration STALL_AFTER = Duration.ofSeconds(30);

  /** How often the supervisor asks each ready worker for its pulse. */
  static final Duration PROBE_EVERY = Duration.ofSeconds(1);

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

  /** When each worker last answered its probe as itself, since its last start. */
  private final Map<WorkerProcess, Long> lastAnswer = new ConcurrentHashMap<>();

  /** Why a worker the supervisor killed for stalling was killed, until its death is noticed. */
  private final Map<String, String> stalled = new ConcurrentHashMap<>();

  /** What answered on a worker's port instead of it, by worker, when another process did. */
  private final Map<String, String> impostors = new ConcurrentHashMap<>();

  private final String fleetId;
  private final Duration stallAfter;
  private final Path stateFile;
  private volatile boolean stopping;
  private long nextProbe;
  private @Nullable Thread monitor;

  public Supervisor(List<WorkerSpec> specs, List<String> javaCommand, Path logDir, Path stateFile) {
    this(specs, javaCommand, logDir, stateFile, STALL_AFTER);
  }

  /** A supervisor that restarts a worker silent for {@code stallAfter}. */
  public Supervisor(
      List<WorkerSpec> specs,
      List<String> javaCommand,
      Path logDir,
      Path stateFile,
      Duration stallAfter) {
    this.stateFile = stateFile;
    this.stallAfter = stallAfter;
    this.nextProbe = System.nanoTime();
    this.fleetId = UUID.randomUUID().toString().substring(0, 8);
    for (WorkerSpec spec : specs) {
      Map<String, String> env = new HashMap<>(spec.env());
      env.put(WorkerStatus.FLEET_ENV, fleetId);
      WorkerSpec own =
          new WorkerSpec(
              spec.name(),
              spec.jvmOptions(),
              spec.mainClass(),
              spec.args(),
              env,
              spec.metricsPort());
      workers.add(new WorkerProcess(own, javaCommand, logDir.resolve(spec.name() + ".log")));
      backoffs.put(spec.name(), new Backoff());
    }
  }

  /** This fleet's id: its workers report it on {@code /status}; the state file names it. */
  public String fleetId() {
    return fleetId;
  }

  /** Starts every worker and the thread that restarts them. */
  public synchronized void start() {
    for (WorkerProcess worker : workers) {
      worker.start();
      LOG.info(
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
        if (ready(worker)) {
          continue;
        }
        String impostor = impostors.get(name);
        String reason = cannotStart.get(name);
        if (reason != null) {
          throw new WorkersNotReadyException(
              "the "
                  + name
                  + " worker cannot start: "
                  + reason
                  + (impostor == null ? "" : "; " + impostor));
        }
        String exit = lastExit.get(name);
        List<String> why = new ArrayList<>();
        if (exit != null) {
          why.add("last exit: " + exit);
        }
        if (impostor != null) {
          why.add(impostor);
        }
        waiting.add(why.isEmpty() ? name : name + " (" + String.join("; ", why) + ")");
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
      LOG.info("cannot remove " + stateFile + ": " + e.getMessage());
    }
    LOG.info("stopped all workers");
  }

  /** Whether {@code worker}'s own process, of this fleet, answers {@code /ready} with 200. */
  boolean ready(WorkerProcess worker) {
    Optional<HttpResponse<String>> response = get(worker.spec().readyUrl(), Duration.ofSeconds(2));
    return response.isPresent()
        && response.get().statusCode() == 200
        && isItself(worker, response.get().body());
  }

  /**
   * Whether {@code body} is {@code worker}'s own status; when another process answered, remembers
   * who, for the message that says why the worker is not ready.
   */
  private boolean isItself(WorkerProcess worker, String body) {
    Optional<WorkerStatus> status = WorkerStatus.parse(body);
    if (status.isPresent() && status.get().isOf(fleetId, worker.pid())) {
      impostors.remove(worker.spec().name());
      return true;
    }
    impostors.put(
        worker.spec().name(),
        "port "
            + worker.spec().metricsPort()
            + " answers for "
            + status
                .map(s -> "pid " + s.pid() + " of fleet '" + s.fleet() + "'")
                .orElse("something that is not an APEX worker")
            + ", not for this fleet ('"
            + fleetId
            + "'): another fleet uses these ports; give this one others with"
            + " APEX_METRICS_PORT_BASE");
    return false;
  }

  private static Optional<HttpResponse<String>> get(String url, Duration timeout) {
    try {
      return Optional.of(
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(timeout).build(),
              HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
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
      if (System.nanoTime() - nextProbe >= 0) {
        nextProbe = System.nanoTime() + PROBE_EVERY.toNanos();
        for (WorkerProcess worker : workers) {
          probe(worker);
        }
      }
      try {
        Thread.sleep(TICK.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * Asks a live worker for its pulse and kills it when it is stalled: it answered as itself before
   * and has not for {@link #stallAfter}, or it answers with a pulse older than that. A worker not
   * yet answering since its start is left to {@link #awaitReady} and the restart rules.
   */
  private void probe(WorkerProcess worker) {
    Process process = worker.process();
    if (process == null || !process.isAlive() || stopping) {
      return;
    }
    Duration timeout = PROBE_EVERY.compareTo(stallAfter) < 0 ? PROBE_EVERY : stallAfter;
    Optional<HttpResponse<String>> answer = get(worker.spec().statusUrl(), timeout);
    Optional<WorkerStatus> status =
        answer
            .flatMap(a -> WorkerStatus.parse(a.body()))
            .filter(s -> s.isOf(fleetId, process.pid()));
    long now = System.nanoTime();
    String why = null;
    if (status.isPresent()) {
      lastAnswer.put(worker, now);
      if (status.get().ready() && status.get().livenessAgeMs() > stallAfter.toMillis()) {
        why =
            "no poll waiting and no call to the server for "
                + status.get().livenessAgeMs() / 1000
                + " s";
      }
    } else {
      Long last = lastAnswer.get(worker);
      if (last != null && now - last > stallAfter.toNanos()) {
        why = "no answer on " + worker.spec().statusUrl() + " for " + stallAfter.toSeconds() + " s";
      }
    }
    if (why != null) {
      kill(worker, process, why);
    }
  }

  private synchronized void kill(WorkerProcess worker, Process process, String why) {
    if (stopping || worker.pid() != process.pid() || !process.isAlive()) {
      return;
    }
    String name = worker.spec().name();
    stalled.put(name, "stalled (" + why + "), killed");
    LOG.info(
        "the " + name + " worker (pid " + process.pid() + ") stalled: " + why + "; killing it");
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
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
        lastAnswer.remove(worker);
        worker.start();
        restarts.merge(worker.spec().name(), 1, Integer::sum);
        LOG.info("restarted the " + worker.spec().name() + " worker (pid " + worker.pid() + ")");
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
    String stall = stalled.remove(name);
    String reason = stall != null ? stall : exitReason(exitCode, worker.logTail(1));
    Duration uptime = worker.uptime();
    Duration delay = backoffs.computeIfAbsent(name, n -> new Backoff()).after(uptime);
    lastExit.put(name, reason);
    if (exitCode == ExitCode.CANNOT_START) {
      cannotStart.put(name, reason);
    }
    LOG.info(
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
    state.put("fleet_id", fleetId);
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
      LOG.info("cannot write " + stateFile + ": " + e.getMessage());
    }
  }
}
