package dev.apex.workers;

/**
 * The Temporal frontend did not answer in time. Unlike other start-up failures it may pass (a
 * server still starting, a machine too busy), so a worker exits with a code its supervisor retries.
 */
public final class TemporalUnreachableException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  TemporalUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
