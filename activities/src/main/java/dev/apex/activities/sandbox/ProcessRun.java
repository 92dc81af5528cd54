package dev.apex.activities.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/** Starts the launcher process, drains both streams, and enforces the output cap and wall time. */
final class ProcessRun {

  /** The wrapper interrupts at the wall time and kills 5 s later; this is the backstop. */
  private static final Duration BACKSTOP_GRACE = Duration.ofSeconds(10);

  private static final int REPORTS_CAP = 32 << 20;

  private ProcessRun() {}

  static SandboxResult run(
      List<String> argv,
      Map<String, String> env,
      @Nullable Path dir,
      SandboxLimits limits,
      @Nullable RunGuard guard) {
    ProcessBuilder builder = new ProcessBuilder(argv);
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    if (dir != null) {
      builder.directory(dir.toFile());
    }
    if (guard != null) {
      guard.checkHeld();
    }
    long start = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + argv.get(0), e);
    }
    if (guard != null) {
      guard.started(process);
    }
    try {
      return await(process, start, limits);
    } finally {
      if (guard != null) {
        guard.finished();
      }
    }
  }

  private static SandboxResult await(Process process, long start, SandboxLimits limits) {
    AtomicBoolean overCap = new AtomicBoolean();
    OutputCapture output =
        new OutputCapture(
            limits.outputCapBytes(),
            limits.outputKeepBytes(),
            () -> {
              overCap.set(true);
              killTree(process);
            });
    ByteArrayOutputStream reports = new ByteArrayOutputStream();
    Thread outReader = Thread.ofVirtual().start(() -> output.drain(process.getInputStream()));
    Thread errReader =
        Thread.ofVirtual().start(() -> drainBounded(process.getErrorStream(), reports));
    boolean timedOut = false;
    try {
      if (!process.waitFor(
          limits.wallTime().plus(BACKSTOP_GRACE).toMillis(), TimeUnit.MILLISECONDS)) {
        timedOut = true;
        killTree(process);
        process.waitFor(5, TimeUnit.SECONDS);
      }
      outReader.join(Duration.ofSeconds(2));
      errReader.join(Duration.ofSeconds(2));
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running a sandboxed command", e);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    int exit = process.isAlive() ? -1 : process.exitValue();
    Termination termination;
    if (overCap.get()) {
      termination = Termination.OUTPUT_LIMIT;
    } else if (timedOut
        || ((exit == 124 || exit == 137) && elapsed.compareTo(limits.wallTime()) >= 0)) {
      termination = Termination.TIMED_OUT;
    } else {
      termination = Termination.EXITED;
    }
    byte[] reportBytes;
    synchronized (reports) {
      reportBytes = reports.toByteArray();
    }
    return new SandboxResult(
        termination, exit, output.text(), output.total(), Wrapper.reports(reportBytes), elapsed);
  }

  /** Kills the process and every descendant still visible from here. */
  static void killTree(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  private static void drainBounded(InputStream in, ByteArrayOutputStream sink) {
    byte[] buffer = new byte[64 * 1024];
    try (in) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        synchronized (sink) {
          if (sink.size() + n <= REPORTS_CAP) {
            sink.write(buffer, 0, n);
          }
        }
      }
    } catch (IOException e) {
      // Closed when the process tree was killed.
    }
  }
}
