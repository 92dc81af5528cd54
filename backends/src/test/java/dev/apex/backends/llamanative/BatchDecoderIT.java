package dev.apex.backends.llamanative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.PermanentBackendException;
import dev.apex.backends.TestModels;
import dev.apex.backends.TokenListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failed llama_decode on the real engine: a wrapper around the real decode fails one batch, and
 * the decoder must fail exactly the calls in it, with a clear error, and keep serving.
 */
class BatchDecoderIT {

  private static final String PROMPT = "The three primary colours are";
  private static final CompletionRequest REQUEST = CompletionRequest.ofPrompt(PROMPT, 24);

  private final AtomicInteger decodes = new AtomicInteger();
  private volatile int failAt = -1;
  private long model;
  private long context;
  private BatchDecoder decoder;

  @BeforeEach
  void open() {
    LlamaLibrary.load(NativeEngine.read(TestModels.nativeEngine()));
    model = LlamaLibrary.loadModel(TestModels.defaultModel().toString(), 0, -1);
    context = LlamaLibrary.newContext(model, 2048, 2, LlamaNativeBackend.BATCH, 2);
    decoder =
        new BatchDecoder(
            model,
            context,
            new PrefixSlots(2, true),
            (ctx, tokens, positions, sequences, outputs) -> {
              if (decodes.incrementAndGet() == failAt) {
                // A real failure of llama_decode: a position that skips ahead in the sequence.
                positions[0] += 100;
              }
              LlamaLibrary.decode(ctx, tokens, positions, sequences, outputs);
            });
  }

  @AfterEach
  void close() {
    decoder.close();
    LlamaLibrary.freeContext(context);
    LlamaLibrary.freeModel(model);
  }

  @Test
  void failedDecode_failsTheCallsInItsBatchAndTheDecoderServesTheNextCalls() throws Exception {
    String expected = complete().text();
    failAt = decodes.get() + 5;

    List<Throwable> errors = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Completion>> calls =
          List.of(pool.submit(this::complete), pool.submit(this::complete));
      for (Future<Completion> call : calls) {
        try {
          call.get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          errors.add(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(errors).isNotEmpty();
    assertThat(errors)
        .allSatisfy(e ->
            assertThat(e)
                .isInstanceOf(PermanentBackendException.class)
                .hasMessageContaining("batch of")
                .hasMessageContaining("failed"));
    // The slots were emptied and freed: the same call again gives the same greedy answer.
    assertThat(complete().text()).isEqualTo(expected);
    assertThat(complete().text()).isEqualTo(expected);
  }

  @Test
  void closedDecoder_refusesNewCalls() {
    decoder.close();
    assertThatThrownBy(this::complete)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("backend closed");
  }

  private Completion complete() {
    int[] prompt = LlamaLibrary.tokenize(model, PROMPT.getBytes(StandardCharsets.UTF_8), true);
    return decoder.complete(
        prompt, REQUEST, null, REQUEST.maxTokens(), System.nanoTime(), TokenListener.NONE);
  }
}
