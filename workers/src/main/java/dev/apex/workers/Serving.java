package dev.apex.workers;

import dev.apex.workers.metrics.MetricsServer;
import dev.apex.workers.supervisor.WorkerStatus;
import io.temporal.worker.WorkerFactory;
import java.util.Map;

/** The last steps of every worker's start-up: poll, say so, and stay up until stopped. */
final class Serving {

  private Serving() {}

  /**
   * Starts polling, stops it (and the HTTP server) on SIGTERM, then turns {@code /ready} to 200.
   */
  static void startPolling(
      WorkerFactory factory, MetricsServer server, Map<String, Object> status) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> {
              factory.shutdownNow();
              server.close();
            }));
    factory.start();
    status.put(WorkerStatus.READY, true);
    server.markReady();
  }

  /** Parks the main thread; the worker's own threads serve until the JVM is stopped. */
  static void waitForever() {
    try {
      Thread.currentThread().join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
