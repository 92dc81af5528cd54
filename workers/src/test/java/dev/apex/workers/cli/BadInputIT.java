package dev.apex.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.workers.testing.ApexLauncher;
import dev.apex.workers.testing.DevServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ./apex eval} on bad input, run as a user runs it: exit 2, one line saying what is wrong
 * and one hint, and nothing started. The command is pointed at a free port with its own dev-server
 * data directory, so a dev server it wrongly started would show there.
 */
class BadInputIT {

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("unknown policy", Map.of(), new String[] {"--policy", "nope"}),
        Arguments.of("budget 0", Map.of(), new String[] {"--budget", "0"}),
        Arguments.of("negative budget", Map.of(), new String[] {"--budget", "-1"}),
        Arguments.of("budget not a number", Map.of(), new String[] {"--budget", "lots"}),
        Arguments.of("missing task file", Map.of(), new String[] {"--tasks", "/nope/tasks.jsonl"}),
        Arguments.of(
            "cap below the deadline",
            Map.of(),
            new String[] {"--episode-timeout-s", "600", "--max-episode-timeout-s", "60"}),
        Arguments.of(
            "missing model",
            Map.of("APEX_GGUF_MODEL_PATH", "/nope.gguf"),
            new String[] {"--backend", "llamacpp"}),
        Arguments.of("unknown backend", Map.of(), new String[] {"--backend", "gpt5"}),
        Arguments.of("unknown flag", Map.of(), new String[] {"--budgett", "10"}),
        Arguments.of(
            "repeated instance id",
            Map.of(),
            new String[] {"--instance-ids", "py-median-even,py-escape-double,py-median-even"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInput_exitsNonZeroWithOneLineAndAHint_andStartsNothing(
      String name, Map<String, String> env, String[] args, @TempDir Path data) throws IOException {
    int port = freePort();
    ApexLauncher apex =
        ApexLauncher.at(
                DevServer.findRepoRoot(Path.of("")),
                Map.of(
                    "TEMPORAL_ADDRESS",
                    "127.0.0.1:" + port,
                    "APEX_TEMPORAL_PORT",
                    Integer.toString(port),
                    "APEX_TEMPORAL_DATA_DIR",
                    data.toString(),
                    "APEX_LLM_BACKEND",
                    "stub"))
            .with("APEX_METRICS_PORT_BASE", Integer.toString(freePort()));
    for (var entry : env.entrySet()) {
      apex = apex.with(entry.getKey(), entry.getValue());
    }
    String[] command = Stream.concat(Stream.of("eval"), Stream.of(args)).toArray(String[]::new);

    ApexLauncher.Run run = apex.run(Duration.ofMinutes(2), command);

    assertThat(run.exitCode()).as(name).isEqualTo(2);
    assertThat(run.errLines()).as(run.err()).hasSize(2);
    assertThat(run.errLines().get(0)).startsWith("apex");
    assertThat(run.errLines().get(1)).startsWith("hint: ");
    assertThat(run.out()).as("no progress, no 'started'").isEmpty();
    assertThat(listening(port)).as("a dev server on " + port).isFalse();
    try (Stream<Path> files = Files.list(data)) {
      assertThat(files).as("dev server data").isEmpty();
    }
  }

  @ParameterizedTest(name = "{0} --help")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"eval", "workers up", "report", "model check"})
  void help_onEverySubcommand_printsItsUsage_andExits0(String subcommand) {
    ApexLauncher apex = ApexLauncher.at(DevServer.findRepoRoot(Path.of("")), Map.of());
    String[] args = (subcommand + " --help").split(" ", -1);

    ApexLauncher.Run run = apex.run(Duration.ofMinutes(1), args);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("Usage: apex " + subcommand);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
