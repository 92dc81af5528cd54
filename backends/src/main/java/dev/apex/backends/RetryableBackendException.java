package dev.apex.backends;

import org.jspecify.annotations.Nullable;

/** A failure a new attempt may not repeat: overload, transient I/O, an injected fault. */
public final class RetryableBackendException extends BackendException {

  private static final long serialVersionUID = 1L;

  public RetryableBackendException(String message) {
    this(message, null);
  }

  public RetryableBackendException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
