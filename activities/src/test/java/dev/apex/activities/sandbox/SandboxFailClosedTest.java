package dev.apex.activities.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
  void run_secondRunUnderTheSameKey_killsTheFirstBeforeStarting() throws Exception {
    BwrapSandbox sandbox = TestSandboxes.bwrap();
    RunGuard guard = RunGuard.of("test-" + System.nanoTime());
    SandboxLimits long_ = SandboxLimits.DEFAULT.withWallTime(Duration.ofSeconds(60));
    SandboxRequest sleeper =
        new SandboxRequest(tmp, "sleep 60", java.util.Map.of(), long_, List.of(), guard);
    CompletableFuture<SandboxResult> first =
        CompletableFuture.supplyAsync(() -> sandbox.run(sleeper));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!guard.busy() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(guard.busy()).isTrue();

    SandboxResult second =
        sandbox.run(
            new SandboxRequest(
                tmp,
                "true",
                java.util.Map.of(),
                SandboxLimits.DEFAULT.withWallTime(Duration.ofSeconds(20)),
                List.of(),
                guard));

    assertThat(first).isDone();
    assertThat(first.get().elapsed()).isLessThan(Duration.ofSeconds(30));
    assertThat(first.get().exitCode()).isNotZero();
    assertThat(second.exitCode()).isZero();
    assertThat(guard.busy()).isFalse();
  }

  private static boolean isLinux() {
    return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
  }
}
