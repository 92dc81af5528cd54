package dev.apex.workers.cli;

import dev.apex.workers.Log;
import dev.apex.workers.WorkerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The Temporal server APEX talks to: the local dev server (started when absent) or a cluster. */
final class LocalServer {

  private final Path home;
  private final String address;
  private boolean startedHere;

  LocalServer(Path home, Map<String, String> env) {
    this.home = home;
    String configured = env.get("TEMPORAL_ADDRESS");
    this.address =
        configured == null || configured.isBlank() ? WorkerConfig.DEFAULT_ADDRESS : configured;
  }

  String address() {
    return address;
  }

  boolean isLocal() {
    return address.startsWith("127.0.0.1:") || address.startsWith("localhost:");
  }

  /** The Web UI's address for a workflow, when the server is the local dev server. */
  String uiLink(String workflowId) {
    int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)) + 1000;
    return "http://127.0.0.1:" + port + "/namespaces/default/workflows/" + workflowId;
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
    Log.info("starting the Temporal dev server (" + start + ")");
    Process process =
        new ProcessBuilder(start.toString())
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .start();
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
