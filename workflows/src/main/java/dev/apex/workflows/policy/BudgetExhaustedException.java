package dev.apex.workflows.policy;

/** Thrown by a {@link Team} call when the token budget cannot pay for it. */
public final class BudgetExhaustedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BudgetExhaustedException(String message) {
    super(message);
  }
}
