package dev.apex.backends;

/** Receives each generated token on the generating thread. */
@FunctionalInterface
public interface TokenListener {

  TokenListener NONE = (piece, completionTokens) -> {};

  /**
   * Called after each token.
   *
   * @param piece the token's text (may be empty for partial UTF-8 sequences)
   * @param completionTokens completion tokens produced so far, this one included
   * @throws GenerationCancelledException to stop the generation
   */
  void onToken(String piece, int completionTokens);
}
