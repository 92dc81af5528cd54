package dev.apex.backends;

import java.util.List;

/**
 * One loaded model, pinned for the life of the process.
 *
 * <p>Implementations are safe for use by one generating thread at a time; {@link #countTokens} and
 * {@link #renderPrompt} may be called concurrently with a generation.
 */
public interface ModelBackend extends AutoCloseable {

  /** What is loaded and where it runs. */
  ModelInfo info();

  /** Number of tokens {@code text} encodes to with this model's tokenizer. */
  int countTokens(String text);

  /**
   * The prompt {@code messages} render to with this model's chat template, ending with the
   * assistant's generation prompt.
   */
  String renderPrompt(List<ChatMessage> messages);

  /**
   * Generates a completion, calling {@code listener} on the calling thread after each token.
   *
   * <p>The listener may stop generation by throwing {@link GenerationCancelledException}; the
   * backend then releases the generation slot and rethrows it.
   *
   * @throws RetryableBackendException when a new attempt may succeed (overload, transient I/O)
   * @throws PermanentBackendException when it never will (bad request, model unusable)
   */
  Completion complete(CompletionRequest request, TokenListener listener);

  /** Warmup inference run once before a worker starts polling. */
  default Completion warmup() {
    return complete(
        CompletionRequest.ofMessages(List.of(ChatMessage.user("Say OK.")), 8), TokenListener.NONE);
  }

  @Override
  void close();
}
