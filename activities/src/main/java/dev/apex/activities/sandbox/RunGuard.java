package dev.apex.activities.sandbox;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A key that at most one sandboxed run in this process holds at a time: a run started under a key
 * first kills the process tree still running under it (an earlier attempt of the same grading that
 * its activity gave up on) and waits for it to end. {@link #kill()} ends the current one, e.g. when
 * its activity was cancelled or timed out. Thread-safe.
 */
public final class RunGuard {

  private static final ConcurrentMap<String, ProcessHandle> RUNNING = new ConcurrentHashMap<>();

  private final String key;

  private RunGuard(String key) {
    this.key = key;
  }

  public static RunGuard of(String key) {
    return new RunGuard(key);
  }

  public String key() {
    return key;
  }

  /** Kills the tree running under this key, if any, and waits (briefly) until it is gone. */
  public void kill() {
    ProcessHandle running = RUNNING.get(key);
    if (running != null) {
      killAndWait(running);
    }
  }

  /** Whether a run holds this key now. */
  public boolean busy() {
    ProcessHandle running = RUNNING.get(key);
    return running != null && running.isAlive();
  }

  /** Records {@code process} as the run holding the key. */
  void started(Process process) {
    ProcessHandle earlier = RUNNING.put(key, process.toHandle());
    if (earlier != null && earlier.isAlive()) {
      killAndWait(earlier);
    }
  }

  void finished(Process process) {
    RUNNING.remove(key, process.toHandle());
  }

  private static void killAndWait(ProcessHandle root) {
    List<ProcessHandle> tree =
        java.util.stream.Stream.concat(java.util.stream.Stream.of(root), root.descendants())
            .toList();
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle handle : tree) {
      try {
        handle.onExit().get(10, TimeUnit.SECONDS);
      } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
        // Killed with SIGKILL; a process that survives this long is stuck in the kernel.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public String toString() {
    return "RunGuard[" + key + "]";
  }
}
