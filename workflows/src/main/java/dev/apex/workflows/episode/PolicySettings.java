package dev.apex.workflows.episode;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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

  public static final PolicySettings DEFAULTS = new PolicySettings(4, 384, 1536);

  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (maxRounds <= 0) {
      problems.add("maxRounds must be > 0, got " + maxRounds);
    }
    if (maxCompletionTokens < TokenBudget.MIN_COMPLETION_TOKENS) {
      problems.add(
          "maxCompletionTokens must be >= "
              + TokenBudget.MIN_COMPLETION_TOKENS
              + ", got "
              + maxCompletionTokens);
    }
    if (hubContextTokens <= 0) {
      problems.add("hubContextTokens must be > 0, got " + hubContextTokens);
    }
    return problems;
  }
}
