package dev.apex.workers.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Which {@code ./apex} command runs a fleet: the one that holds the lock in the fleet's state
 * folder. The lock is the operating system's, so it goes with its holder however that ends (a crash
 * leaves no stale claim behind); the file names the holder for the others to read. A fleet of
 * {@code ./apex workers up} is shared by every eval; a fleet an eval started for itself stops with
 * that eval, so a second eval refuses to use it (see docs/operations.md).
 */
final class FleetLock implements AutoCloseable {

  static final String FILE = "owner.lock";

  /** The commands that run a fleet. */
  enum Owner {
    WORKERS_UP("./apex workers up"),
    EVAL("./apex eval");

    final String command;

    Owner(String command) {
      this.command = command;
    }
  }

  private final FileChannel channel;
  private final FileLock lock;

  private FleetLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Claims the fleet of {@code stateDir} for {@code owner}; empty when another command holds it.
   */
  static Optional<FleetLock> tryClaim(Path stateDir, Owner owner) {
    try {
      Files.createDirectories(stateDir);
      FileChannel channel =
          FileChannel.open(
              stateDir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (owner.name() + " " + ProcessHandle.current().pid() + "\n")
                  .getBytes(StandardCharsets.UTF_8)));
      channel.force(false);
      return Optional.of(new FleetLock(channel, lock));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + stateDir.resolve(FILE), e);
    }
  }

  /** Who holds the fleet of {@code stateDir}, as its lock file says. */
  static Holder holder(Path stateDir) {
    try {
      String[] words = Files.readString(stateDir.resolve(FILE)).strip().split(" ", 2);
      return new Holder(Owner.valueOf(words[0]), Long.parseLong(words[1]));
    } catch (IOException | RuntimeException e) {
      // Claimed an instant ago, not yet written: a command starting its fleet.
      return new Holder(null, -1);
    }
  }

  /** The holder of a fleet: its command (null when not yet known) and pid. */
  record Holder(@Nullable Owner owner, long pid) {

    boolean isWorkersUp() {
      return owner == Owner.WORKERS_UP;
    }

    /** The command and its pid, in words. */
    String describe() {
      return (owner == null ? "another ./apex command" : owner.command)
          + (pid > 0 ? " (pid " + pid + ")" : "");
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      // The lock goes with the process anyway.
    }
  }
}
