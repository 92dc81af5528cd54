package dev.apex.activities.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile commands are contained, reported as such, and leave the host as it was. */
class SandboxContainmentTest {

  private static final SandboxLimits QUICK =
      SandboxLimits.DEFAULT.withWallTime(Duration.ofSeconds(3));

  @TempDir Path repo;
  private Sandbox sandbox;

  @BeforeEach
  void setUp() throws IOException {
    sandbox = TestSandboxes.bwrap();
    Files.writeString(repo.resolve("app.py"), "print('hello')\n");
  }

  private SandboxResult run(String command, SandboxLimits limits) {
    return sandbox.run(SandboxRequest.of(repo, command, limits));
  }

  @Test
  void network_isUnreachable() {
    SandboxResult result =
        run(
            "python3 -c \"import socket; socket.create_connection(('1.1.1.1', 80), timeout=2)\";"
                + " echo rc=$?; cat /proc/net/dev",
            QUICK);

    assertThat(result.output()).contains("rc=1").contains("Network is unreachable");
    assertThat(result.output()).doesNotContain("eth0");
  }

  @Test
  void network_isSharedOnlyWhenAllowed() throws IOException {
    String hostInterfaces = Files.readString(Path.of("/proc/net/dev"));
    String external =
        hostInterfaces
            .lines()
            .skip(2)
            .map(line -> line.strip().substring(0, Math.max(0, line.strip().indexOf(':'))))
            .filter(name -> !name.equals("lo"))
            .findFirst()
            .orElse("");
    org.junit.jupiter.api.Assumptions.assumeFalse(external.isEmpty(), "host has no interface");
    Sandbox allowed = BwrapSandbox.probe(TestSandboxes.config().withNetwork(true)).orElseThrow();

    SandboxResult result = allowed.run(SandboxRequest.of(repo, "cat /proc/net/dev", QUICK));

    assertThat(result.output()).contains(external + ":");
    assertThat(allowed.isolation()).contains("APEX_ALLOW_NETWORK");
    assertThat(sandbox.isolation()).contains("no network");
  }

  @Test
  void writesOutsideTheCopy_failAndLeaveTheHostUnchanged() throws IOException {
    String marker = "apex-escape-" + UUID.randomUUID();
    Path home = Path.of(System.getProperty("user.home"));
    Path cwd = Path.of("").toAbsolutePath();
    Path hostTmp = Path.of(System.getProperty("java.io.tmpdir"));
    String command =
        String.join(
            "; ",
            "echo x > " + home.resolve(marker),
            "echo x > " + cwd.resolve(marker),
            "echo x > " + hostTmp.resolve(marker),
            "echo x > " + repo.resolve(marker),
            "echo x > /apex/src/" + marker,
            "echo x > /usr/" + marker,
            "echo x > /" + marker,
            "echo changed > app.py && cat app.py");

    SandboxResult result = run(command, QUICK);

    assertThat(result.output()).contains("changed");
    for (Path dir : new Path[] {home, cwd, hostTmp, repo}) {
      assertThat(dir.resolve(marker)).doesNotExist();
    }
    assertThat(Path.of("/usr", marker)).doesNotExist();
    assertThat(Path.of("/", marker)).doesNotExist();
    assertThat(Files.readString(repo.resolve("app.py"))).isEqualTo("print('hello')\n");
  }

  @Test
  void forkBomb_isCappedAndLeavesNoProcesses() {
    String marker = "apex-forkbomb-" + UUID.randomUUID();
    SandboxResult result =
        run(
            "sh -c 'f(){ f | f & }; f; sleep 1' " + marker + " 2>/dev/null; echo survived",
            QUICK.withMaxProcesses(32));

    assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(10));
    assertThat(leftoverProcesses(marker)).isZero();
  }

  @Test
  void fillingTheDisk_stopsAtTheTmpfsSize() {
    SandboxResult result =
        run(
            "dd if=/dev/zero of=big bs=1M count=200 2>&1; echo rc=$?",
            QUICK.withDisk(16L << 20, 64L << 20));

    assertThat(result.output()).contains("No space left on device").contains("rc=1");
  }

  @Test
  void oneHugeFile_stopsAtTheFileSizeLimit() {
    SandboxResult result =
        run(
            "dd if=/dev/zero of=big bs=1M count=20 2>&1; echo rc=$?",
            QUICK.withDisk(64L << 20, 1L << 20));

    assertThat(result.output()).contains("rc=153");
  }

  @Test
  void printingGigabytes_isKilledAtTheOutputCap() {
    SandboxResult result = run("yes 'spam spam spam'", QUICK.withOutput(4L << 20, 4096));

    assertThat(result.termination()).isEqualTo(Termination.OUTPUT_LIMIT);
    assertThat(result.outputBytes()).isGreaterThan(4L << 20).isLessThan(256L << 20);
    assertThat(result.output()).startsWith("spam spam spam\n").contains("bytes omitted");
    assertThat(result.output().length()).isLessThan(3 * 4096);
    assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void sleepingForever_timesOutAndIsKilledWithItsChildren() {
    String marker = "apex-sleeper-" + UUID.randomUUID();
    SandboxResult result =
        run(
            "(setsid sh -c 'sleep 1000' " + marker + " &); trap '' INT; sleep 1000",
            SandboxLimits.DEFAULT.withWallTime(Duration.ofSeconds(1)));

    assertThat(result.termination()).isEqualTo(Termination.TIMED_OUT);
    assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(8));
    assertThat(result.summary()).contains("timed out");
    assertThat(leftoverProcesses(marker)).isZero();
  }

  @Test
  void memoryHog_failsAtTheAddressSpaceLimit() {
    SandboxResult result =
        run(
            "python3 -c \"b = bytearray(2 << 30)\"; echo rc=$?",
            new SandboxLimits(
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                512L << 20,
                64,
                1 << 20,
                16 << 20,
                1 << 20,
                64 << 10));

    assertThat(result.output()).contains("MemoryError").contains("rc=1");
  }

  @Test
  void cpuBurner_isStoppedAtTheCpuLimit() {
    SandboxResult result =
        run(
            "python3 -c 'while True: pass'; echo rc=$?",
            QUICK.withWallTime(Duration.ofSeconds(10)).withCpuTime(Duration.ofSeconds(1)));

    assertThat(result.output()).contains("rc=152");
    assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void command_runsAsAnUnprivilegedUser() {
    SandboxResult result = run("id -u", QUICK);

    assertThat(result.output().strip()).isNotEqualTo("0");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void reportFiles_comeBackWithTheResult() {
    SandboxResult result =
        run(
            "mkdir -p $APEX_REPORT_DIR/sub && printf '<a>é</a>' > $APEX_REPORT_DIR/sub/r.xml;"
                + " echo done; exit 3",
            QUICK);

    assertThat(result.reports()).containsEntry("sub/r.xml", "<a>é</a>");
    assertThat(result.output()).isEqualTo("done\n");
    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.termination()).isEqualTo(Termination.EXITED);
  }

  private static long leftoverProcesses(String marker) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(marker))
        .count();
  }
}
