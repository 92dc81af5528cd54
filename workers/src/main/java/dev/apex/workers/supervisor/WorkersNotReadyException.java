package dev.apex.workers.supervisor;

/** The workers did not all become ready; the message names which and why. */
public final class WorkersNotReadyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public WorkersNotReadyException(String message) {
    super(message);
  }
}
