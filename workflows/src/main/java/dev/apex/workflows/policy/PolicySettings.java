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
@JsonIgnoreProperties(ignoreUnknown = false)
public record PolicySettings(int maxRounds, int maxCompletionTokens, int hubContextTokens) {

  /**
   * The settings of a batch or episode that names none, and of {@code ./apex eval}: three rounds of
   * up to 256 completion tokens, sized so the main job finishes in about ten minutes on 2 cores
   * with the default model.
   */
  public static final PolicySettings DEFAULTS = new PolicySettings(3, 256, 1536);

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
