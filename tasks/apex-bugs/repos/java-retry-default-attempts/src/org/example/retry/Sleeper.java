package org.example.retry;

/** Waits between attempts; tests pass one that records instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
  void sleep(long millis) throws InterruptedException;
}
