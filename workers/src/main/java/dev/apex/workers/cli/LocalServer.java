package dev.apex.workers.cli;

import dev.apex.workers.WorkerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Temporal server APEX talks to: the local dev server (started when absent) or a cluster. */
final class LocalServer {

  private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);

  private final Path home;
  private final String address;
  private final String namespace;
  private final @Nullable String uiPort;
  private boolean startedHere;

  /**
   * Reads {@code TEMPORAL_ADDRESS}; without it, the local dev server where temporal-dev puts it
   * ({@code APEX_TEMPORAL_IP}, {@code APEX_TEMPORAL_PORT}, {@code APEX_TEMPORAL_UI_PORT}).
   */
  LocalServer(Path home, Map<String, String> env) {
    this.home = home;
    String configured = env.get("TEMPORAL_ADDRESS");
    if (configured != null && !configured.isBlank()) {
      this.address = configured.strip();
    } else {
      String ip = env.get("APEX_TEMPORAL_IP");
      String port = env.get("APEX_TEMPORAL_PORT");
      this.address =
          port == null || port.isBlank()
              ? WorkerConfig.DEFAULT_ADDRESS
              : (ip == null || ip.isBlank() ? "127.0.0.1" : ip.strip()) + ":" + port.strip();
    }
    String ns = env.get("TEMPORAL_NAMESPACE");
    this.namespace = ns == null || ns.isBlank() ? WorkerConfig.DEFAULT_NAMESPACE : ns.strip();
    String ui = env.get("APEX_TEMPORAL_UI_PORT");
    this.uiPort = ui == null || ui.isBlank() ? null : ui.strip();
  }

  String address() {
    return address;
  }

  /** {@code TEMPORAL_NAMESPACE}, {@code default} when unset. */
  String namespace() {
    return namespace;
  }

  boolean isLocal() {
    return address.startsWith("127.0.0.1:") || address.startsWith("localhost:");
  }

  /** The Web UI's address for a workflow, when the server is the local dev server. */
  String uiLink(String workflowId) {
    String port = uiPort != null ? uiPort : Integer.toString(port() + 1000);
    return "http://127.0.0.1:" + port + "/namespaces/" + namespace + "/workflows/" + workflowId;
  }

  private int port() {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }

  /** Makes sure the server answers; starts the local dev server when it is local and down. */
  void ensureRunning() throws IOException, InterruptedException {
    if (reachable()) {
      return;
    }
    if (!isLocal()) {
      throw new IllegalStateException(
          "cannot reach the Temporal server at " + address + " (TEMPORAL_ADDRESS)");
    }
    Path start = home.resolve("temporal-dev/start.sh");
    if (!Files.isExecutable(start)) {
      throw new IllegalStateException(
          "no dev server at " + address + " and no " + start + " to start one");
    }
    LOG.info("starting the Temporal dev server (" + start + ")");
    ProcessBuilder builder =
        new ProcessBuilder(start.toString())
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT);
    // start.sh serves on APEX_TEMPORAL_PORT; a TEMPORAL_ADDRESS alone must name the same port.
    builder.environment().put("APEX_TEMPORAL_PORT", Integer.toString(port()));
    Process process = builder.start();
    if (process.waitFor() != 0) {
      throw new IllegalStateException(
          "temporal-dev/start.sh failed (exit " + process.exitValue() + ")");
    }
    startedHere = true;
  }

  boolean startedHere() {
    return startedHere;
  }

  void stop() throws IOException, InterruptedException {
    new ProcessBuilder(home.resolve("temporal-dev/stop.sh").toString())
        .directory(home.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
        .start()
        .waitFor();
  }

  private boolean reachable() {
    int colon = address.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(
              address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
          2_000);
      return true;
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }
}
