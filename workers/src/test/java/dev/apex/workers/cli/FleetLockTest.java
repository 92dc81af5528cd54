package dev.apex.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.workers.supervisor.Supervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who runs a fleet: the OS lock in its folder, held by another process here as it would be. */
class FleetLockTest {

  @TempDir Path dir;

  @Test
  void fleetClaimedByAnotherEval_cannotBeClaimed_andItsHolderIsNamed_untilThatProcessDies()
      throws Exception {
    Process other = holder(FleetLock.Owner.EVAL);
    try {
      assertThat(FleetLock.tryClaim(dir, FleetLock.Owner.EVAL)).isEmpty();
      FleetLock.Holder holder = FleetLock.holder(dir);
      assertThat(holder.isWorkersUp()).isFalse();
      assertThat(holder.describe()).isEqualTo("./apex eval (pid " + other.pid() + ")");
      assertThat(Fleet.busy(holder, dir))
          .startsWith("./apex eval (pid " + other.pid() + ") runs its own workers on ports ")
          .contains("wait for it, run ./apex workers up once so every eval shares one fleet")
          .contains("APEX_METRICS_PORT_BASE=");
    } finally {
      other.destroyForcibly().waitFor();
    }

    // A SIGKILLed holder leaves no claim behind: the lock went with it.
    Optional<FleetLock> mine = FleetLock.tryClaim(dir, FleetLock.Owner.EVAL);
    assertThat(mine).isPresent();
    mine.get().close();
  }

  @Test
  void fleetOfWorkersUp_isNamedAsShared() throws Exception {
    Process other = holder(FleetLock.Owner.WORKERS_UP);
    try {
      assertThat(FleetLock.tryClaim(dir, FleetLock.Owner.EVAL)).isEmpty();
      assertThat(FleetLock.holder(dir).isWorkersUp()).isTrue();
    } finally {
      other.destroyForcibly().waitFor();
    }
  }

  @Test
  void claimInThisProcess_isExclusiveToo_andReleasedOnClose() {
    Optional<FleetLock> first = FleetLock.tryClaim(dir, FleetLock.Owner.WORKERS_UP);
    assertThat(first).isPresent();
    assertThat(FleetLock.tryClaim(dir, FleetLock.Owner.EVAL)).isEmpty();
    first.get().close();
    Optional<FleetLock> again = FleetLock.tryClaim(dir, FleetLock.Owner.EVAL);
    assertThat(again).isPresent();
    again.get().close();
  }

  @Test
  void stallThreshold_comesFromTheEnvironment_andABadOneIsNamed() {
    assertThat(Fleet.stallAfter(Map.of())).isEqualTo(Supervisor.STALL_AFTER);
    assertThat(Fleet.stallAfter(Map.of("APEX_WORKER_STALL_S", "7"))).hasSeconds(7);
    assertThatThrownBy(() -> Fleet.stallAfter(Map.of("APEX_WORKER_STALL_S", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("APEX_WORKER_STALL_S must be a whole number of seconds, 1 or more, got '0'");
  }

  @Test
  void eachFleetOfACheckout_hasAFolderOfItsOwn() {
    assertThat(Fleet.stateDir(dir, 9460)).isEqualTo(dir.resolve(".apex/fleet-9460"));
    assertThat(Fleet.stateDir(dir, 9480)).isNotEqualTo(Fleet.stateDir(dir, 9460));
  }

  /** Another JVM that claims the fleet of {@link #dir} for {@code owner} and holds it. */
  private Process holder(FleetLock.Owner owner) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(Fleet.javaCommand());
    command.addAll(List.of(FleetLockHolder.class.getName(), dir.toString(), owner.name()));
    Path ready = dir.resolve("holder.ready");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("holder.log").toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!Files.exists(ready)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            "holder did not start: " + Files.readString(dir.resolve("holder.log")));
      }
      Thread.sleep(50);
    }
    return process;
  }
}
