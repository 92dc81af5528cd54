package dev.apex.workflows.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.apex.workflows.roles.RoleRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Knobs every policy shares.
 *
 * @param maxRounds rounds before the policy submits what it has
 * @param maxCompletionTokens completion cap of one call, before clamping to the budget
 * @param hubContextTokens the hub's conversation is summarized when it grows past this
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicySettings(int maxRounds, int maxCompletionTokens, int hubContextTokens) {

  /**
   * Rounds and completion cap of a batch or episode that names none (the defaults of {@code ./apex
   * eval} too), sized so its main job finishes in about ten minutes on 2 cores with the default
   * model.
   */
  public static final int DEFAULT_MAX_ROUNDS = 3;

  public static final int DEFAULT_MAX_COMPLETION_TOKENS = 256;
  public static final int DEFAULT_HUB_CONTEXT_TOKENS = 1536;

  public static final PolicySettings DEFAULTS =
      new PolicySettings(
          DEFAULT_MAX_ROUNDS, DEFAULT_MAX_COMPLETION_TOKENS, DEFAULT_HUB_CONTEXT_TOKENS);

  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (maxRounds <= 0) {
      problems.add("maxRounds must be > 0, got " + maxRounds);
    }
    if (maxCompletionTokens < RoleRequest.MIN_COMPLETION_TOKENS) {
      problems.add(
          "maxCompletionTokens must be >= "
              + RoleRequest.MIN_COMPLETION_TOKENS
              + ", got "
              + maxCompletionTokens);
    }
    if (hubContextTokens <= 0) {
      problems.add("hubContextTokens must be > 0, got " + hubContextTokens);
    }
    return problems;
  }
}
