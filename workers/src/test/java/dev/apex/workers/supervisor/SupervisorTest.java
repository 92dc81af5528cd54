package dev.apex.workers.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.workers.RoleWorker;
import dev.apex.workers.cli.Fleet;
import dev.apex.workers.testing.DevServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor with real worker processes: stand-ins, and a role worker whose model is bad. */
class SupervisorTest {

  private static final Duration PATIENCE = Duration.ofMinutes(2);

  /** A short stall threshold, so a stalled worker is noticed within the test. */
  private static final Duration STALL = Duration.ofSeconds(3);

  @TempDir Path dir;

  @Test
  void awaitReady_modelThatIsNotGguf_failsEarlyWithTheWorkersReason() throws Exception {
    Path notAModel = Files.writeString(dir.resolve("model.gguf"), "{\"not\": \"a model\"}");
    Path home = DevServer.findRepoRoot(Path.of("").toAbsolutePath());
    int port = freePort();
    WorkerSpec planner =
        new WorkerSpec(
            "planner",
            List.of(),
            RoleWorker.class.getName(),
            List.of("planner"),
            Map.of(
                "APEX_HOME", home.toString(),
                "APEX_GGUF_MODEL_PATH", notAModel.toString(),
                "APEX_METRICS_PORT", Integer.toString(port),
                "TEMPORAL_ADDRESS", "127.0.0.1:1"),
            port);

    try (Supervisor supervisor = supervisor(planner)) {
      long start = System.nanoTime();
      supervisor.start();

      assertThatThrownBy(() -> supervisor.awaitReady(Duration.ofMinutes(5)))
          .isInstanceOf(WorkersNotReadyException.class)
          .hasMessageStartingWith(
              "the planner worker cannot start: exit code 3: cannot start: not a GGUF file")
          .hasMessageContaining("not a GGUF file: " + notAModel + " does not start with 'GGUF'");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PATIENCE);
      assertThat(Files.readString(dir.resolve("logs/planner.log")))
          .containsPattern("(?m)^cannot start: not a GGUF file");
    }
  }

  @Test
  void workerThatKeepsDying_isRestartedNoFasterThanItsBackoff() throws Exception {
    Path starts = dir.resolve("starts.txt");
    WorkerSpec dying =
        new WorkerSpec(
            "dying",
            List.of(),
            FakeWorker.class.getName(),
            List.of("die", starts.toString()),
            Map.of(),
            freePort());

    try (Supervisor supervisor = supervisor(dying)) {
      supervisor.start();
      waitUntil(() -> lines(starts).size() >= 4, PATIENCE);

      List<Long> times = lines(starts).stream().map(Long::parseLong).toList();
      for (int i = 1; i < 4; i++) {
        long backoff = 1000L << (i - 1);
        assertThat(times.get(i) - times.get(i - 1))
            .as("gap before restart %d", i)
            .isGreaterThanOrEqualTo(backoff);
      }
      assertThat(supervisor.restarts().get("dying")).isGreaterThanOrEqualTo(3);
      assertThat(supervisor.lastExits().get("dying"))
          .isEqualTo("exit code 1: " + FakeWorker.DYING_WORDS);
    }
  }

  @Test
  void workerKilledBySigkill_isRestarted_andTheSignalIsItsReason() throws Exception {
    int port = freePort();
    WorkerSpec serving = fakeWorker("serving", port, "serve");

    try (Supervisor supervisor = ready(supervisor(serving))) {
      long first = supervisor.pids().get("serving");

      assertThat(new ProcessBuilder("kill", "-9", Long.toString(first)).start().waitFor()).isZero();
      waitUntil(() -> supervisor.restarts().getOrDefault("serving", 0) == 1, PATIENCE);
      supervisor.awaitReady(PATIENCE);

      assertThat(supervisor.pids().get("serving")).isNotEqualTo(first);
      assertThat(supervisor.lastExits().get("serving"))
          .isEqualTo("killed by SIGKILL (exit code 137)");
      JsonNode state = new ObjectMapper().readTree(dir.resolve("workers.json").toFile());
      JsonNode entry = state.path("workers").get(0);
      assertThat(entry.path("restarts").asInt()).isEqualTo(1);
      assertThat(entry.path("last_exit").asText()).isEqualTo("killed by SIGKILL (exit code 137)");
      assertThat(entry.path("pid").asLong()).isEqualTo(supervisor.pids().get("serving"));
    }
  }

  @Test
  void workerStoppedWithSigstop_isKilledAsStalled_andRestarted_whileAHealthyOneIsLeftAlone()
      throws Exception {
    int port = freePort();
    WorkerSpec serving = fakeWorker("serving", port, "serve");

    try (Supervisor supervisor = ready(supervisor(serving, STALL))) {
      long first = supervisor.pids().get("serving");
      // Answering with a fresh pulse for well past the threshold: not stalled.
      Thread.sleep(STALL.multipliedBy(2).toMillis());
      assertThat(supervisor.restarts()).isEmpty();

      assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(first)).start().waitFor())
          .isZero();
      waitUntil(() -> supervisor.restarts().getOrDefault("serving", 0) == 1, PATIENCE);
      supervisor.awaitReady(PATIENCE);

      assertThat(alive(first)).isFalse();
      assertThat(supervisor.pids().get("serving")).isNotEqualTo(first);
      assertThat(supervisor.lastExits().get("serving"))
          .isEqualTo(
              "stalled (no answer on http://127.0.0.1:"
                  + port
                  + "/status for "
                  + STALL.toSeconds()
                  + " s), killed");
    }
  }

  @Test
  void workerWhosePulseIsOlderThanTheThreshold_isKilledAsStalled_andRestarted() throws Exception {
    int port = freePort();
    WorkerSpec stale = fakeWorker("stale", port, "stale");

    try (Supervisor supervisor = ready(supervisor(stale, STALL))) {
      long first = supervisor.pids().get("stale");

      waitUntil(() -> supervisor.restarts().getOrDefault("stale", 0) >= 1, PATIENCE);

      assertThat(alive(first)).isFalse();
      assertThat(supervisor.lastExits().get("stale"))
          .startsWith("stalled (no poll waiting and no call to the server for ")
          .endsWith(" s), killed");
    }
  }

  @Test
  void portAnsweredByAnotherFleetsWorker_isNotReady_andTheMessageSaysWhose() throws Exception {
    int port = freePort();
    ProcessBuilder other =
        new ProcessBuilder(
                command(List.of(FakeWorker.class.getName(), "serve")).toArray(String[]::new))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("other.log").toFile());
    other.environment().put("APEX_METRICS_PORT", Integer.toString(port));
    other.environment().put(WorkerStatus.FLEET_ENV, "other-fleet");
    Process impostor = other.start();
    try {
      waitUntil(() -> answers(port), PATIENCE);
      WorkerSpec serving = fakeWorker("serving", port, "serve");

      try (Supervisor supervisor = supervisor(serving, STALL)) {
        supervisor.start();

        assertThatThrownBy(() -> supervisor.awaitReady(Duration.ofSeconds(10)))
            .isInstanceOf(WorkersNotReadyException.class)
            .hasMessageContaining(
                "port "
                    + port
                    + " answers for pid "
                    + impostor.pid()
                    + " of fleet 'other-fleet', not for this fleet ('"
                    + supervisor.fleetId()
                    + "')");
        JsonNode state = new ObjectMapper().readTree(dir.resolve("workers.json").toFile());
        assertThat(state.path("fleet_id").asText()).isEqualTo(supervisor.fleetId());
      }
    } finally {
      impostor.destroyForcibly().waitFor();
    }
  }

  @Test
  void close_stopsEveryWorkerAndWhatItStarted_andRemovesTheStateFile() throws Exception {
    Path childPidFile = dir.resolve("child.pid");
    int port = freePort();
    WorkerSpec parent = fakeWorker("parent", port, "serve", childPidFile.toString());
    Supervisor supervisor = supervisor(parent);
    supervisor.start();
    supervisor.awaitReady(PATIENCE);
    waitUntil(() -> !lines(childPidFile).isEmpty(), PATIENCE);
    long worker = supervisor.pids().get("parent");
    long child = Long.parseLong(lines(childPidFile).get(0));
    assertThat(alive(child)).isTrue();

    supervisor.close();

    assertThat(alive(worker)).isFalse();
    waitUntil(() -> !alive(child), Duration.ofSeconds(10));
    assertThat(dir.resolve("workers.json")).doesNotExist();
  }

  @Test
  void exitReason_namesTheSignal_orGivesTheCodeAndLastLogLine() {
    assertThat(Supervisor.exitReason(137, "anything"))
        .isEqualTo("killed by SIGKILL (exit code 137)");
    assertThat(Supervisor.exitReason(143, "")).isEqualTo("killed by SIGTERM (exit code 143)");
    assertThat(Supervisor.exitReason(129, "")).isEqualTo("killed by signal 1 (exit code 129)");
    assertThat(Supervisor.exitReason(3, "cannot start: no model\n"))
        .isEqualTo("exit code 3: cannot start: no model");
    assertThat(Supervisor.exitReason(1, " ")).isEqualTo("exit code 1");
  }

  /** {@code supervisor} started, its worker ready; closed when it does not get there. */
  private static Supervisor ready(Supervisor supervisor) throws Exception {
    try {
      supervisor.start();
      supervisor.awaitReady(PATIENCE);
      return supervisor;
    } catch (Exception | Error e) {
      supervisor.close();
      throw e;
    }
  }

  private Supervisor supervisor(WorkerSpec spec) {
    return new Supervisor(
        List.of(spec), Fleet.javaCommand(), dir.resolve("logs"), dir.resolve("workers.json"));
  }

  private Supervisor supervisor(WorkerSpec spec, Duration stallAfter) {
    return new Supervisor(
        List.of(spec),
        Fleet.javaCommand(),
        dir.resolve("logs"),
        dir.resolve("workers.json"),
        stallAfter);
  }

  /** A {@link FakeWorker} doing {@code args}, answering {@code /status} on {@code port}. */
  private static WorkerSpec fakeWorker(String name, int port, String... args) {
    return new WorkerSpec(
        name,
        List.of(),
        FakeWorker.class.getName(),
        List.of(args),
        Map.of("APEX_METRICS_PORT", Integer.toString(port)),
        port);
  }

  private static List<String> command(List<String> mainAndArgs) {
    List<String> command = new ArrayList<>(Fleet.javaCommand());
    command.addAll(mainAndArgs);
    return command;
  }

  private static boolean answers(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return socket.isConnected();
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file)
          ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList()
          : List.of();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void waitUntil(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not so after " + timeout.toSeconds() + " s");
      }
      Thread.sleep(100);
    }
  }
}
