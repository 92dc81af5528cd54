package dev.apex.workers;

import dev.apex.backends.BackendException;
import java.io.UncheckedIOException;

/** How a worker process ends when it cannot serve; the supervisor acts on the difference. */
public final class ExitCode {

  /** Bad arguments. */
  public static final int USAGE = 2;

  /** A setting or the model is wrong (e.g. not a GGUF file): restarting will not help soon. */
  public static final int CANNOT_START = 3;

  /** The Temporal frontend did not answer: the supervisor restarts the worker after its backoff. */
  public static final int TEMPORAL_UNREACHABLE = 4;

  private ExitCode() {}

  /**
   * Runs a worker's start-up and serving; when it throws, prints one line on stderr and exits with
   * the code the supervisor acts on. The line is the process's last word, not a log record: the
   * supervisor quotes it as the reason ("exit code 3: cannot start: ..."), so it carries no log
   * prefix. A worker never stays up unready: its HTTP server would keep it alive.
   */
  public static void runOrExit(Runnable worker) {
    try {
      worker.run();
    } catch (TemporalUnreachableException e) {
      System.err.println("cannot start: " + e.getMessage());
      System.exit(TEMPORAL_UNREACHABLE);
    } catch (IllegalArgumentException
        | IllegalStateException
        | BackendException
        | UncheckedIOException e) {
      System.err.println("cannot start: " + e.getMessage());
      System.exit(CANNOT_START);
    } catch (RuntimeException e) {
      System.err.println("cannot start: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }
}
