package dev.apex.workflows;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;

/** The message an ERROR row gives for a failure: that of its innermost Temporal cause. */
public final class RootCause {

  private RootCause() {}

  /**
   * Follows the failure's Temporal causes (an activity's or a child's failure wraps the one that
   * was thrown) to the innermost and returns its own message, not the wrappers' account of which
   * call or child it was.
   */
  public static String message(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause instanceof TemporalFailure) {
      cause = cause.getCause();
    }
    String message = cause instanceof ApplicationFailure app ? app.getOriginalMessage() : null;
    return message != null ? message : String.valueOf(cause.getMessage());
  }
}
