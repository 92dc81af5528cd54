package dev.apex.workers.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** One worker's OS process: started from its spec, output appended to its log file. */
final class WorkerProcess {

  private final WorkerSpec spec;
  private final List<String> command;
  private final Path log;
  private @Nullable Process process;
  private long startedNanos;

  WorkerProcess(WorkerSpec spec, List<String> javaCommand, Path log) {
    this.spec = spec;
    this.command = new ArrayList<>(javaCommand);
    this.command.addAll(spec.jvmOptions());
    this.command.add(spec.mainClass());
    this.command.addAll(spec.args());
    this.log = log;
  }

  WorkerSpec spec() {
    return spec;
  }

  Path log() {
    return log;
  }

  synchronized void start() {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(spec.env());
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      Files.createDirectories(log.getParent());
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the " + spec.name() + " worker", e);
    }
    startedNanos = System.nanoTime();
  }

  synchronized @Nullable Process process() {
    return process;
  }

  synchronized long pid() {
    Process p = process;
    return p == null ? -1 : p.pid();
  }

  synchronized Duration uptime() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /** Asks the process to stop, then kills it and anything it started when it does not. */
  void stop(Duration grace) {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p == null) {
      return;
    }
    List<ProcessHandle> descendants = p.descendants().toList();
    p.destroy();
    try {
      if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /** The last lines of the log, to say why a worker died. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
