package dev.apex.activities.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On Linux the sandbox fails closed: without bubblewrap nothing runs unless unisolated runs were
 * allowed; and one run at a time holds a guard's key.
 */
class SandboxFailClosedTest {

  @TempDir Path tmp;

  @Test
  void forThisMachine_bwrapMissing_refusesWithOneLineNamingTheFix() {
    assumeTrue(isLinux(), "fail-closed applies on Linux");
    SandboxConfig hidden = TestSandboxes.config().withBwrap(tmp.resolve("no-bwrap"));

    assertThatThrownBy(() -> Sandbox.forThisMachine(hidden))
        .isInstanceOf(SandboxUnavailableException.class)
        .hasMessageContaining("bwrap not found at " + tmp.resolve("no-bwrap"))
        .hasMessageContaining("apt-get install bubblewrap")
        .hasMessageContaining("--allow-unsandboxed")
        .hasMessageContaining("APEX_ALLOW_UNSANDBOXED=1")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void forThisMachine_bwrapMissingButAllowed_runsUnisolatedAndSaysSo() {
    assumeTrue(isLinux(), "fail-closed applies on Linux");
    SandboxConfig allowed =
        TestSandboxes.config().withBwrap(tmp.resolve("no-bwrap")).withUnsandboxedAllowed(true);

    Sandbox sandbox = Sandbox.forThisMachine(allowed);

    assertThat(sandbox.kind()).isEqualTo(Sandbox.NONE);
    assertThat(sandbox.isolation()).startsWith("NOT ISOLATED");
  }

  @Test
  void forThisMachine_bwrapPresent_isBubblewrap() {
    assumeTrue(isLinux(), "fail-closed applies on Linux");
    TestSandboxes.bwrap();

    assertThat(Sandbox.forThisMachine(TestSandboxes.config()).kind()).isEqualTo(Sandbox.BUBBLEWRAP);
  }

  @Test
  void guard_newerAttemptForTheSameKey_killsTheEarlierSandboxAndStopsThatAttempt()
      throws Exception {
    BwrapSandbox sandbox = TestSandboxes.bwrap();
    String key = "grade:test-" + System.nanoTime();
    RunGuard earlier = RunGuard.of(key);
    CompletableFuture<SandboxResult> first =
        CompletableFuture.supplyAsync(() -> sandbox.run(request("sleep 60", 60, earlier)));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!earlier.busy() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(earlier.busy()).isTrue();

    RunGuard retry = RunGuard.of(key);

    assertThat(first).isDone();
    assertThat(first.get().elapsed()).isLessThan(Duration.ofSeconds(30));
    assertThat(first.get().exitCode()).isNotZero();
    assertThatThrownBy(() -> sandbox.run(request("true", 20, earlier)))
        .hasMessageContaining("superseded");
    assertThat(sandbox.run(request("true", 20, retry)).exitCode()).isZero();
    retry.release();
  }

  @Test
  void guard_revoked_killsItsOwnSandboxOnly() throws Exception {
    BwrapSandbox sandbox = TestSandboxes.bwrap();
    RunGuard cancelled = RunGuard.of("grade:a-" + System.nanoTime());
    RunGuard other = RunGuard.of("grade:b-" + System.nanoTime());
    CompletableFuture<SandboxResult> mine =
        CompletableFuture.supplyAsync(() -> sandbox.run(request("sleep 60", 60, cancelled)));
    CompletableFuture<SandboxResult> theirs =
        CompletableFuture.supplyAsync(() -> sandbox.run(request("sleep 3", 20, other)));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!(cancelled.busy() && other.busy()) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    cancelled.revoke();

    assertThat(mine.get().exitCode()).isNotZero();
    assertThat(theirs.get().exitCode()).isZero();
  }

  private SandboxRequest request(String command, int wallSeconds, RunGuard guard) {
    return new SandboxRequest(
        tmp,
        command,
        Map.of(),
        SandboxLimits.DEFAULT.withWallTime(Duration.ofSeconds(wallSeconds)),
        List.of(),
        guard);
  }

  private static boolean isLinux() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
  }
}
