package dev.apex.backends;

/** Thrown by a {@link TokenListener} to stop a generation; the backend rethrows it. */
public final class GenerationCancelledException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public GenerationCancelledException(String message) {
    super(message);
  }
}
