package dev.apex.backends;

/** A backend failure; {@link #retryable()} says whether a new attempt may succeed. */
public abstract class BackendException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  protected BackendException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
    super(message, cause);
  }

  public abstract boolean retryable();
}
