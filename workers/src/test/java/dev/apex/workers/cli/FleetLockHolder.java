package dev.apex.workers.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Claims a fleet folder's lock ({@code DIR OWNER}), says so in {@code DIR/holder.ready}, waits. */
public final class FleetLockHolder {

  private FleetLockHolder() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    if (FleetLock.tryClaim(dir, FleetLock.Owner.valueOf(args[1])).isEmpty()) {
      System.exit(1);
    }
    Files.writeString(dir.resolve("holder.ready"), "");
    Thread.sleep(Long.MAX_VALUE);
  }
}
