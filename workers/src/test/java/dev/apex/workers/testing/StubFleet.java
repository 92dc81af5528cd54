package dev.apex.workers.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code ./apex workers up --backend stub} in the background: the five role workers and the episode
 * worker, warm, until {@link #close}. For ITs that start batches themselves.
 */
public final class StubFleet implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(6);

  private final Process process;
  private final Path out;
  private final Path err;

  private StubFleet(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts the fleet and returns once every worker is ready. */
  public static StubFleet start(ApexLauncher apex) throws IOException, InterruptedException {
    Path out = Files.createTempFile("apex-fleet", ".out");
    Path err = Files.createTempFile("apex-fleet", ".err");
    Process process =
        apex.start(out, err, "workers", "up", "--backend", "stub", "--ready-timeout-s", "300");
    StubFleet fleet = new StubFleet(process, out, err);
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!Files.readString(err).contains("all workers ready")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        String log = Files.readString(out) + Files.readString(err);
        fleet.close();
        throw new IllegalStateException("./apex workers up did not get ready:\n" + log);
      }
      Thread.sleep(500);
    }
    return fleet;
  }

  @Override
  public void close() {
    try {
      ApexLauncher.stop(process, Duration.ofSeconds(45));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    } catch (IOException e) {
      // temporary files
    }
  }
}
