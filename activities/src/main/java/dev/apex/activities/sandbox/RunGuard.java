package dev.apex.activities.sandbox;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One attempt's hold on a key (e.g. the grading of an episode) in this process, so that two
 * attempts never run sandboxes side by side. {@link #of} takes the key from the attempt that held
 * it: that attempt's running sandbox is killed (its process tree, waited for) and it may start no
 * other. {@link #revoke()} does the same for an attempt whose activity learned it is over
 * (cancelled, timed out). Thread-safe.
 */
public final class RunGuard {

  private static final ConcurrentMap<String, RunGuard> HOLDERS = new ConcurrentHashMap<>();

  private final String key;
  private volatile @Nullable ProcessHandle running;
  private volatile boolean revoked;

  private RunGuard(String key) {
    this.key = key;
  }

  /** Takes {@code key}, revoking the attempt that held it. */
  public static RunGuard of(String key) {
    RunGuard guard = new RunGuard(key);
    RunGuard earlier = HOLDERS.put(key, guard);
    if (earlier != null) {
      earlier.revoke();
    }
    return guard;
  }

  public String key() {
    return key;
  }

  /** Kills this attempt's running sandbox, if any, and refuses it any further run. */
  public void revoke() {
    revoked = true;
    ProcessHandle process = running;
    if (process != null) {
      killAndWait(process);
    }
  }

  /** Gives the key up at the end of the attempt. */
  public void release() {
    HOLDERS.remove(key, this);
  }

  /** Whether a sandbox of this attempt is running now. */
  public boolean busy() {
    ProcessHandle process = running;
    return process != null && process.isAlive();
  }

  /** Throws when this attempt may start no more sandboxes. */
  void checkHeld() {
    if (revoked) {
      throw new IllegalStateException(
          "run of " + key + " superseded by a newer attempt or cancelled");
    }
  }

  /** Records {@code process} as this attempt's; kills it at once when revoked meanwhile. */
  void started(Process process) {
    running = process.toHandle();
    if (revoked) {
      killAndWait(process.toHandle());
    }
  }

  void finished() {
    running = null;
  }

  private static void killAndWait(ProcessHandle root) {
    List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).toList();
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // Killed with SIGKILL; a process that survives this long is stuck in the kernel.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public String toString() {
    return "RunGuard[" + key + (revoked ? ", revoked" : "") + "]";
  }
}
