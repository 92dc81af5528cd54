package dev.apex.backends;

import org.jspecify.annotations.Nullable;

/** A failure every attempt repeats: a bad request, a model that cannot load or answer. */
public final class PermanentBackendException extends BackendException {

  private static final long serialVersionUID = 1L;

  public PermanentBackendException(String message) {
    this(message, null);
  }

  public PermanentBackendException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
