package dev.apex.workflows.episode;

import dev.apex.workflows.roles.RoleRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The episode's token budget, prompt and completion summed over every role and call; a hard cap.
 * Records the cumulative total after each call so one run yields success@b for every b ≤ B.
 */
public final class TokenBudget {

  private final int budget;
  private int used;
  private final List<Integer> cumulative = new ArrayList<>();

  public TokenBudget(int budget) {
    if (budget <= 0) {
      throw new IllegalArgumentException("budget <= 0");
    }
    this.budget = budget;
  }

  public int budget() {
    return budget;
  }

  public int used() {
    return used;
  }

  /** Tokens left for the next call, prompt included. */
  public int remaining() {
    return budget - used;
  }

  public boolean spent() {
    return remaining() < RoleRequest.MIN_COMPLETION_TOKENS;
  }

  /** Completion cap for the next call: the policy's cap, clamped to what remains. */
  public int clampCompletion(int policyCap) {
    return Math.min(policyCap, remaining());
  }

  /**
   * Charges a finished call.
   *
   * @throws IllegalStateException when the call exceeded the allowance it was given, which the
   *     activities guarantee never happens
   */
  public void charge(int tokens) {
    if (tokens < 0 || tokens > remaining()) {
      throw new IllegalStateException(
          "call used " + tokens + " tokens with " + remaining() + " remaining");
    }
    used += tokens;
    cumulative.add(used);
  }

  /** Cumulative tokens after each call, in call order. */
  public List<Integer> cumulative() {
    return List.copyOf(cumulative);
  }
}
