package dev.apex.backends;

/** A failure a new attempt may not repeat: overload, transient I/O, an injected fault. */
public final class RetryableBackendException extends BackendException {

  private static final long serialVersionUID = 1L;

  public RetryableBackendException(String message) {
    super(message, null);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
