package dev.apex.workers.supervisor;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stand-in worker process for supervisor tests. {@code die FILE}: appends its start time to FILE
 * and exits 1 at once. {@code serve [CHILD_PID_FILE]}: answers {@code /ready} and {@code /status}
 * on {@code APEX_METRICS_PORT} as a healthy worker of the fleet in {@code APEX_FLEET_ID} until
 * killed, optionally with a child process that outlives a plain JVM exit. {@code stale}: the same,
 * but its pulse ages from its start, as a worker whose poller is stuck.
 */
public final class FakeWorker {

  static final String DYING_WORDS = "fake worker: giving up on purpose";

  private FakeWorker() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    switch (args[0]) {
      case "die" -> {
        Files.writeString(
            Path.of(args[1]),
            System.currentTimeMillis() + "\n",
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
        System.err.println(DYING_WORDS);
        System.exit(1);
      }
      case "serve", "stale" -> {
        int port = Integer.parseInt(System.getenv("APEX_METRICS_PORT"));
        long started = System.nanoTime();
        boolean stale = args[0].equals("stale");
        HttpServer server =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        HttpHandler status =
            exchange -> {
              long age = stale ? (System.nanoTime() - started) / 1_000_000 : 0;
              byte[] body =
                  String.format(
                          "{\"%s\": \"%s\", \"%s\": %d, \"%s\": true, \"%s\": %d}",
                          WorkerStatus.FLEET,
                          System.getenv().getOrDefault(WorkerStatus.FLEET_ENV, ""),
                          WorkerStatus.PID,
                          ProcessHandle.current().pid(),
                          WorkerStatus.READY,
                          WorkerStatus.LIVENESS_AGE_MS,
                          age)
                      .getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(200, body.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
            };
        server.createContext("/ready", status);
        server.createContext("/status", status);
        server.start();
        if (args.length > 1 && args[0].equals("serve")) {
          Process child = new ProcessBuilder("sleep", "600").start();
          Files.writeString(Path.of(args[1]), Long.toString(child.pid()));
        }
        System.err.println("fake worker: ready");
        Thread.sleep(Long.MAX_VALUE);
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }
}
