package dev.apex.workers.supervisor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A stand-in worker process for supervisor tests. {@code die FILE}: appends its start time to FILE
 * and exits 1 at once. {@code serve [CHILD_PID_FILE]}: answers {@code /ready} on {@code
 * APEX_METRICS_PORT} until killed, optionally with a child process that outlives a plain JVM exit.
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
      case "serve" -> {
        int port = Integer.parseInt(System.getenv("APEX_METRICS_PORT"));
        HttpServer server =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext(
            "/ready",
            exchange -> {
              exchange.sendResponseHeaders(200, -1);
              exchange.close();
            });
        server.start();
        if (args.length > 1) {
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
