package dev.apex.workers.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Serves {@code /metrics} (Prometheus text), {@code /status} (the worker's state as JSON) and
 * {@code /ready} (200 once the worker polls, 503 before) over HTTP.
 */
public final class MetricsServer implements AutoCloseable {

  private final HttpServer server;
  private volatile boolean ready;

  public MetricsServer(String host, int port, WorkerMetrics metrics, Supplier<String> status) {
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics on " + host + ":" + port, e);
    }
    server.createContext(
        "/metrics",
        exchange ->
            send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
    server.createContext(
        "/status", exchange -> send(exchange, 200, "application/json", status.get()));
    server.createContext(
        "/ready", exchange -> send(exchange, ready ? 200 : 503, "application/json", status.get()));
    server.start();
  }

  /** The port actually bound (useful when 0 was asked for). */
  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + port() + "/metrics";
  }

  public void markReady() {
    ready = true;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void send(HttpExchange exchange, int code, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
