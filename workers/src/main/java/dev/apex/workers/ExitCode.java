package dev.apex.workers;

/** How a worker process ends when it cannot serve; the supervisor acts on the difference. */
public final class ExitCode {

  /** Bad arguments. */
  public static final int USAGE = 2;

  /** A setting or the model is wrong (e.g. not a GGUF file): restarting will not help soon. */
  public static final int CANNOT_START = 3;

  /** The Temporal frontend did not answer: the supervisor restarts the worker after its backoff. */
  public static final int TEMPORAL_UNREACHABLE = 4;

  private ExitCode() {}
}
