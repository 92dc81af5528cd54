package dev.apex.backends.llamanative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.backends.Backends;
import dev.apex.backends.ChatMessage;
import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.GenerationCancelledException;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.TestModels;
import dev.apex.backends.TokenListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Concurrent calls on a native backend with several slots share one llama_decode per step: on the
 * real default model they must give exactly what the same calls give one at a time, and one call's
 * end (cancelled, interrupted) must not disturb the others.
 */
class BatchDecodeIT {

  private static final int SLOTS = 4;

  /** Prompts of different lengths, so prefills and generations overlap in the batches. */
  private static final List<CompletionRequest> CALLS =
      List.of(
          CompletionRequest.ofMessages(
              List.of(ChatMessage.user("Write a short poem about the sea.")), 40),
          CompletionRequest.ofMessages(
                  List.of(
                      ChatMessage.system("You are a terse assistant who answers in one line."),
                      ChatMessage.user("List three prime numbers and explain why they are prime.")),
                  32)
              .withTemperature(0.8f, 7),
          CompletionRequest.ofPrompt("The capital of France is", 24),
          // Longer than one batch (512 tokens): prefilled in chunks beside the others' tokens.
          CompletionRequest.ofPrompt(
              "The quick brown fox jumps over the lazy dog. ".repeat(60) + "Summarize:", 16));

  private static ModelBackend backend;

  @BeforeAll
  static void load() {
    backend = Backends.open(TestModels.defaultNative().withSlots(SLOTS).withContextSize(4096));
  }

  @AfterAll
  static void close() {
    backend.close();
  }

  @Test
  void concurrentCalls_giveExactlyTheTextsOfTheSameCallsOneAtATime() throws Exception {
    List<String> alone = new ArrayList<>();
    for (CompletionRequest call : CALLS) {
      alone.add(backend.complete(call, TokenListener.NONE).text());
    }

    List<Streamed> together = concurrently(CALLS, i -> new Streamed());

    for (int i = 0; i < CALLS.size(); i++) {
      assertThat(together.get(i).completion.text()).as("call %d", i).isEqualTo(alone.get(i));
      // Every piece reached the caller's own listener, in order, on the caller's thread.
      assertThat(together.get(i).pieces.toString()).startsWith(alone.get(i));
      assertThat(together.get(i).threads).containsOnly(together.get(i).caller);
    }
    // The calls overlapped: each produced tokens before the others had finished.
    long lastFirstToken = together.stream().mapToLong(s -> s.firstPieceAt).max().orElseThrow();
    long firstDone = together.stream().mapToLong(s -> s.doneAt).min().orElseThrow();
    assertThat(lastFirstToken).isLessThan(firstDone);
  }

  @Test
  void moreCallsThanSlots_waitForAFreeSlotAndStillGiveTheirOwnText() throws Exception {
    List<String> alone = new ArrayList<>();
    for (CompletionRequest call : CALLS) {
      alone.add(backend.complete(call, TokenListener.NONE).text());
    }
    List<CompletionRequest> twice = new ArrayList<>(CALLS);
    twice.addAll(CALLS);

    List<Streamed> together = concurrently(twice, i -> new Streamed());

    for (int i = 0; i < twice.size(); i++) {
      assertThat(together.get(i).completion.text())
          .as("call %d", i)
          .isEqualTo(alone.get(i % CALLS.size()));
    }
  }

  @Test
  void cancelledCall_endsAloneAndTheOthersFinishWithTheirOwnText() throws Exception {
    List<String> alone = new ArrayList<>();
    for (CompletionRequest call : CALLS) {
      alone.add(backend.complete(call, TokenListener.NONE).text());
    }

    List<Streamed> together = concurrently(CALLS, i -> i == 0 ? new Streamed(3) : new Streamed());

    assertThat(together.get(0).error).isInstanceOf(GenerationCancelledException.class);
    assertThat(together.get(0).pieceCount).isEqualTo(3);
    for (int i = 1; i < CALLS.size(); i++) {
      assertThat(together.get(i).completion.text()).as("call %d", i).isEqualTo(alone.get(i));
    }
    // The cancelled call's slot was freed: a full set of calls runs again.
    List<Streamed> again = concurrently(CALLS, i -> new Streamed());
    for (int i = 0; i < CALLS.size(); i++) {
      assertThat(again.get(i).completion.text()).as("call %d", i).isEqualTo(alone.get(i));
    }
  }

  @Test
  void interruptedCall_isCancelledAndTheOthersFinish() throws Exception {
    CountDownLatch tokens = new CountDownLatch(2);
    Thread[] victim = new Thread[1];
    List<Streamed> together =
        concurrently(
            CALLS,
            i ->
                i == 2
                    ? new Streamed() {
                      @Override
                      public void onToken(String piece, int completionTokens) {
                        super.onToken(piece, completionTokens);
                        victim[0] = Thread.currentThread();
                        tokens.countDown();
                        if (tokens.getCount() == 0) {
                          Thread.currentThread().interrupt();
                        }
                      }
                    }
                    : new Streamed());

    assertThat(together.get(2).error).isInstanceOf(GenerationCancelledException.class);
    assertThat(together.get(2).pieceCount).isEqualTo(2);
    assertThat(together.get(0).completion.usage().completionTokens()).isPositive();
    assertThat(together.get(1).completion.usage().completionTokens()).isPositive();
    assertThat(victim[0]).isNotNull();
  }

  @Test
  void closedBackend_failsTheCallsStillRunningAndRefusesNewOnes() throws Exception {
    ModelBackend own = Backends.open(TestModels.defaultNative().withSlots(2));
    CountDownLatch started = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Completion> running =
          pool.submit(() ->
              own.complete(
                  CompletionRequest.ofPrompt("Count from one to one hundred:", 400),
                  (piece, n) -> started.countDown()));
      assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
      own.close();
      assertThatThrownBy(running::get)
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("backend closed");
      assertThatThrownBy(
              () -> own.complete(CompletionRequest.ofPrompt("Hi", 4), TokenListener.NONE))
          .isInstanceOf(IllegalStateException.class);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs {@code calls} at once, one thread each, with the listener {@code listeners} gives. */
  private static List<Streamed> concurrently(
      List<CompletionRequest> calls, Function<Integer, Streamed> listeners) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    CountDownLatch ready = new CountDownLatch(calls.size());
    try {
      List<Future<Streamed>> futures = new ArrayList<>();
      for (int i = 0; i < calls.size(); i++) {
        CompletionRequest call = calls.get(i);
        Streamed streamed = listeners.apply(i);
        futures.add(
            pool.submit(() -> {
              streamed.caller = Thread.currentThread();
              ready.countDown();
              ready.await();
              try {
                streamed.completion = backend.complete(call, streamed);
              } catch (RuntimeException e) {
                streamed.error = e;
              }
              streamed.doneAt = System.nanoTime();
              Thread.interrupted();
              return streamed;
            }));
      }
      List<Streamed> results = new ArrayList<>();
      for (Future<Streamed> future : futures) {
        results.add(future.get(300, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /** What one call's listener saw; with {@code cancelAfter}, it cancels after that many pieces. */
  private static class Streamed implements TokenListener {
    final StringBuilder pieces = new StringBuilder();
    final List<Thread> threads = new ArrayList<>();
    final int cancelAfter;
    int pieceCount;
    long firstPieceAt;
    long doneAt;
    Thread caller;
    Completion completion;
    RuntimeException error;

    Streamed() {
      this(Integer.MAX_VALUE);
    }

    Streamed(int cancelAfter) {
      this.cancelAfter = cancelAfter;
    }

    @Override
    public void onToken(String piece, int completionTokens) {
      if (pieceCount == 0) {
        firstPieceAt = System.nanoTime();
      }
      pieces.append(piece);
      threads.add(Thread.currentThread());
      pieceCount++;
      if (pieceCount == cancelAfter) {
        throw new GenerationCancelledException("cancelled by the listener");
      }
    }
  }
}
