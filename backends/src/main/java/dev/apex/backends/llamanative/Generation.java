package dev.apex.backends.llamanative;

import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.TokenUsage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One call's generation after its prompt: its sampler chain (grammar, seed), the text so far, stop
 * strings, the token limit and the UTF-8 pieces. Whoever decodes feeds it the logits' place; {@link
 * #next} samples and says what the listener gets. Frees its sampler on {@link #close()}.
 */
final class Generation implements AutoCloseable {

  private final long model;
  private final long sampler;
  private final List<String> stops;
  private final int promptTokens;
  private final int maxTokens;
  private final long start;
  private final Utf8Pieces utf8 = new Utf8Pieces();
  private final StringBuilder text = new StringBuilder();
  private Completion.StopReason reason = Completion.StopReason.LENGTH;
  private boolean finished;
  private int produced;
  private int last;
  private long firstToken;

  /**
   * @param gbnf the grammar the output must follow, or null
   * @param start when the call began ({@link System#nanoTime()})
   */
  Generation(
      long model,
      CompletionRequest request,
      byte @Nullable [] gbnf,
      int promptTokens,
      int maxTokens,
      long start) {
    this.sampler = LlamaLibrary.newSampler(model, request.temperature(), request.seed(), gbnf);
    this.model = model;
    this.stops = request.stop();
    this.promptTokens = promptTokens;
    this.maxTokens = maxTokens;
    this.start = start;
    this.finished = maxTokens < 1;
  }

  /**
   * Samples the token at output {@code output} (-1: the last) of {@code context}'s last decode;
   * returns the piece for the listener, or null at an end-of-generation token. After it, {@link
   * #finished()} says whether {@link #last()} must be decoded for another token.
   */
  @Nullable String next(long context, int output) {
    int token = LlamaLibrary.sample(sampler, context, output);
    if (firstToken == 0) {
      firstToken = System.nanoTime() - start;
    }
    if (LlamaLibrary.isEndOfGeneration(model, token)) {
      reason = Completion.StopReason.STOP;
      finished = true;
      return null;
    }
    produced++;
    last = token;
    String piece = utf8.add(LlamaLibrary.piece(model, token));
    text.append(piece);
    int stop = stopAt(text, stops, piece.length());
    if (stop >= 0) {
      text.setLength(stop);
      reason = Completion.StopReason.STOP;
      finished = true;
    } else if (produced >= maxTokens) {
      finished = true;
    }
    return piece;
  }

  boolean finished() {
    return finished;
  }

  /** Tokens produced so far. */
  int produced() {
    return produced;
  }

  /** The token {@link #next} sampled last. */
  int last() {
    return last;
  }

  /**
   * The call's result.
   *
   * @param reused prompt tokens taken from the KV cache
   */
  Completion completion(int reused) {
    // A character still unfinished at the end was never a whole piece: the text is the pieces.
    return new Completion(
        text.toString(),
        new TokenUsage(promptTokens, produced, reused),
        reason,
        firstToken,
        System.nanoTime() - start);
  }

  @Override
  public void close() {
    LlamaLibrary.freeSampler(sampler);
  }

  /** Where the first stop string starts in {@code text}, looking only near its new end; or -1. */
  private static int stopAt(StringBuilder text, List<String> stops, int added) {
    int found = -1;
    for (String stop : stops) {
      int from = Math.max(0, text.length() - added - stop.length());
      int at = text.indexOf(stop, from);
      if (at >= 0 && (found < 0 || at < found)) {
        found = at;
      }
    }
    return found;
  }
}
