package dev.apex.backends.llamanative;

import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.GenerationCancelledException;
import dev.apex.backends.PermanentBackendException;
import dev.apex.backends.TokenListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the calls of a context with several slots together: one scheduler thread runs one
 * llama_decode per step holding the next token of every generating call plus prefill chunks of
 * newly arrived ones, samples each call's token with its own {@link Generation}, and hands the
 * pieces to the calling thread, which calls its listener. A call that is cancelled (its listener
 * throws, or its thread is interrupted) leaves at the next step and frees its slot; a failed decode
 * fails only the calls in that batch.
 */
final class BatchDecoder implements AutoCloseable {

  /** One llama_decode ({@link LlamaLibrary#decode}); tests wrap it to make one fail. */
  @FunctionalInterface
  interface Decode {
    void decode(long context, int[] tokens, int[] positions, int[] sequences, boolean[] outputs);
  }

  /** What the scheduler hands a caller. */
  private sealed interface Event {}

  private record Piece(String text, int produced) implements Event {}

  private record Done(Completion completion) implements Event {}

  private record Failed(RuntimeException error) implements Event {}

  /** One call: its prompt, and once admitted, its slot, prefill progress and generation. */
  private static final class Call {
    final int[] prompt;
    final CompletionRequest request;
    final byte @Nullable [] gbnf;
    final int maxTokens;
    final long start;
    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    volatile boolean cancelled;
    int slot = -1;
    int reused;
    int prefilled;
    @Nullable Generation generation;

    Call(
        int[] prompt,
        CompletionRequest request,
        byte @Nullable [] gbnf,
        int maxTokens,
        long start) {
      this.prompt = prompt;
      this.request = request;
      this.gbnf = gbnf;
      this.maxTokens = maxTokens;
      this.start = start;
    }

    boolean generating() {
      return prefilled == prompt.length;
    }
  }

  private final long model;
  private final long context;
  private final PrefixSlots slots;
  private final Decode decode;
  private final BlockingQueue<Call> arrivals = new LinkedBlockingQueue<>();
  private final List<Call> active = new ArrayList<>();
  private final BitSet busy = new BitSet();
  private final int[] tokens = new int[LlamaNativeBackend.BATCH];
  private final int[] positions = new int[LlamaNativeBackend.BATCH];
  private final int[] sequences = new int[LlamaNativeBackend.BATCH];
  private final boolean[] outputs = new boolean[LlamaNativeBackend.BATCH];
  private final Thread scheduler;
  private volatile boolean closed;

  BatchDecoder(long model, long context, PrefixSlots slots, Decode decode) {
    this.model = model;
    this.context = context;
    this.slots = slots;
    this.decode = decode;
    this.scheduler = Thread.ofPlatform().name("apex-native-batch").daemon().unstarted(this::run);
    scheduler.start();
  }

  /**
   * Generates after {@code prompt} on the scheduler thread while this thread calls {@code
   * listener}; returns when the call ends.
   *
   * @throws GenerationCancelledException when this thread is interrupted
   * @throws PermanentBackendException when a decode of this call's batch fails
   */
  Completion complete(
      int[] prompt,
      CompletionRequest request,
      byte @Nullable [] gbnf,
      int maxTokens,
      long start,
      TokenListener listener) {
    Call call = new Call(prompt, request, gbnf, maxTokens, start);
    if (closed) {
      throw new IllegalStateException("backend closed");
    }
    arrivals.add(call);
    if (closed && arrivals.remove(call)) {
      throw new IllegalStateException("backend closed");
    }
    try {
      while (true) {
        switch (call.events.take()) {
          case Piece piece -> listener.onToken(piece.text(), piece.produced());
          case Done done -> {
            return done.completion();
          }
          case Failed failed -> throw rethrown(failed.error());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GenerationCancelledException("generation interrupted");
    } finally {
      call.cancelled = true;
    }
  }

  /** Stops the scheduler; calls still running fail with {@link IllegalStateException}. */
  @Override
  public void close() {
    closed = true;
    scheduler.interrupt();
    boolean interrupted = false;
    while (scheduler.isAlive()) {
      try {
        scheduler.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      while (!closed) {
        admit();
        active.removeIf(call -> call.cancelled && release(call));
        if (!active.isEmpty()) {
          try {
            step();
          } catch (RuntimeException e) {
            // A bug here must not leave callers waiting forever: fail what was running.
            for (Call call : List.copyOf(active)) {
              if (call.slot >= 0) {
                LlamaNativeBackend.forget(context, slots, call.slot);
              }
              fail(call, e);
            }
            active.clear();
          }
        }
      }
    } catch (InterruptedException e) {
      // close() stops the scheduler.
    }
    IllegalStateException error = new IllegalStateException("backend closed");
    active.forEach(call -> fail(call, error));
    for (Call call = arrivals.poll(); call != null; call = arrivals.poll()) {
      fail(call, error);
    }
  }

  /** Takes arrived calls into free slots; waits for one when nothing is running. */
  private void admit() throws InterruptedException {
    while (active.size() < slots.count()) {
      Call call = active.isEmpty() ? arrivals.take() : arrivals.poll();
      if (call == null) {
        return;
      }
      if (call.cancelled) {
        continue;
      }
      try {
        PrefixSlots.Plan plan = slots.plan(call.prompt, busy);
        call.slot = plan.slot();
        busy.set(call.slot);
        call.reused = LlamaNativeBackend.keepPrefix(context, slots, plan);
        call.prefilled = call.reused;
        call.generation =
            new Generation(
                model, call.request, call.gbnf, call.prompt.length, call.maxTokens, call.start);
        active.add(call);
      } catch (RuntimeException e) {
        fail(call, e);
      }
    }
  }

  /**
   * One llama_decode: the last token of each generating call, then prefill chunks while room is
   * left; then samples every call whose logits it computed.
   */
  private void step() {
    int n = 0;
    List<Call> batch = new ArrayList<>();
    List<Integer> firsts = new ArrayList<>();
    // Generating calls first (one token each, at most one per slot), then prefill in what is left.
    List<Call> order = new ArrayList<>(active);
    order.sort((a, b) -> Boolean.compare(b.generating(), a.generating()));
    for (Call call : order) {
      int take =
          call.generating() ? 1 : Math.min(call.prompt.length - call.prefilled, tokens.length - n);
      if (take == 0) {
        continue;
      }
      int base = slots.length(call.slot);
      for (int i = 0; i < take; i++) {
        tokens[n + i] =
            call.generating() ? generation(call).last() : call.prompt[call.prefilled + i];
        positions[n + i] = base + i;
        sequences[n + i] = call.slot;
        outputs[n + i] = call.generating() || call.prefilled + i == call.prompt.length - 1;
      }
      batch.add(call);
      firsts.add(n);
      n += take;
    }
    try {
      decode.decode(
          context,
          Arrays.copyOf(tokens, n),
          Arrays.copyOf(positions, n),
          Arrays.copyOf(sequences, n),
          Arrays.copyOf(outputs, n));
    } catch (RuntimeException e) {
      PermanentBackendException error =
          new PermanentBackendException(
              "native engine: a batch of " + batch.size() + " calls failed: " + e.getMessage(), e);
      for (Call call : batch) {
        LlamaNativeBackend.forget(context, slots, call.slot);
        fail(call, error);
      }
      active.removeAll(batch);
      return;
    }
    for (int b = 0; b < batch.size(); b++) {
      Call call = batch.get(b);
      int first = firsts.get(b);
      int last = b + 1 < batch.size() ? firsts.get(b + 1) : n;
      slots.append(call.slot, tokens, first, last);
      if (!call.generating()) {
        call.prefilled += last - first;
      }
      if (call.generating() && outputs[last - 1]) {
        sample(call, last - 1);
      }
    }
  }

  /** Samples {@code call}'s token at batch index {@code output} and hands it over. */
  private void sample(Call call, int output) {
    Generation generation = generation(call);
    try {
      String piece = generation.next(context, output);
      if (piece != null) {
        call.events.add(new Piece(piece, generation.produced()));
      }
      if (generation.finished()) {
        call.events.add(new Done(generation.completion(call.reused)));
        active.remove(call);
        release(call);
      }
    } catch (RuntimeException e) {
      LlamaNativeBackend.forget(context, slots, call.slot);
      fail(call, e);
      active.remove(call);
    }
  }

  private void fail(Call call, RuntimeException error) {
    call.events.add(new Failed(error));
    release(call);
  }

  /** Frees the call's sampler and slot; true, for {@code removeIf}. */
  private boolean release(Call call) {
    if (call.generation != null) {
      call.generation.close();
      call.generation = null;
    }
    if (call.slot >= 0) {
      busy.clear(call.slot);
      call.slot = -1;
    }
    return true;
  }

  private static Generation generation(Call call) {
    if (call.generation == null) {
      throw new IllegalStateException("call not admitted");
    }
    return call.generation;
  }

  /** The scheduler's exception, again on the caller's thread with the caller's stack. */
  private static RuntimeException rethrown(RuntimeException error) {
    if (error instanceof IllegalStateException) {
      return new IllegalStateException(error.getMessage(), error);
    }
    if (error instanceof PermanentBackendException) {
      return new PermanentBackendException(String.valueOf(error.getMessage()), error);
    }
    return new PermanentBackendException("native engine: " + error.getMessage(), error);
  }
}
