package dev.apex.backends.llamanative;

import dev.apex.backends.BackendSettings;
import dev.apex.backends.Backends;
import dev.apex.backends.ChatMessage;
import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.TestModels;
import dev.apex.backends.TokenListener;
import dev.apex.backends.llamacpp.DecodeBenchmark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Total decode tokens/s of N calls on a native backend with N slots: made one at a time, then all
 * at once (decoded in one batch per step). A harness, not a test: run it once, alone on the
 * machine, and read the {@code RESULT} line.
 */
public final class BatchDecodeBenchmark {

  private BatchDecodeBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException(
          "usage: BatchDecodeBenchmark MODEL [calls] [tokens] [threads] [rounds]");
    }
    Path model = Path.of(args[0]);
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int tokens = args.length > 2 ? Integer.parseInt(args[2]) : 128;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    try (ModelBackend backend =
        Backends.open(
            BackendSettings.llamaCpp(model)
                .withBackend("native")
                .withNativeLibPath(TestModels.nativeEngine())
                .withSlots(calls)
                .withThreads(threads)
                .withContextSize(2048 * calls)
                // Every call prefills its whole prompt, so neither order gains from the other's
                // cache.
                .withKvReuse(false))) {
      backend.complete(request(backend, -1, tokens), TokenListener.NONE);
      List<Double> alone = new ArrayList<>();
      List<Double> together = new ArrayList<>();
      // Rounds alternate the order, so a load that comes and goes hurts both alike.
      for (int round = 0; round < rounds; round++) {
        if (round % 2 == 0) {
          alone.add(oneAtATime(backend, calls, tokens));
          together.add(allAtOnce(backend, calls, tokens));
        } else {
          together.add(allAtOnce(backend, calls, tokens));
          alone.add(oneAtATime(backend, calls, tokens));
        }
      }
      System.out.printf(
          Locale.ROOT, "rounds: one at a time %s, batched %s tok/s%n", alone, together);
      double a = DecodeBenchmark.median(alone);
      double t = DecodeBenchmark.median(together);
      System.out.printf(
          Locale.ROOT,
          "RESULT calls=%d tokens=%d threads=%d one_at_a_time_tps=%.1f batched_tps=%.1f"
              + " speedup=%.2f%n",
          calls,
          tokens,
          threads,
          a,
          t,
          t / a);
    }
    System.exit(0);
  }

  private static double oneAtATime(ModelBackend backend, int calls, int tokens) {
    long start = System.nanoTime();
    int produced = 0;
    for (int i = 0; i < calls; i++) {
      produced +=
          backend
              .complete(request(backend, i, tokens), TokenListener.NONE)
              .usage()
              .completionTokens();
    }
    return produced / ((System.nanoTime() - start) / 1e9);
  }

  private static double allAtOnce(ModelBackend backend, int calls, int tokens) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(calls);
    try {
      long start = System.nanoTime();
      List<Future<Completion>> futures = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        CompletionRequest request = request(backend, i, tokens);
        futures.add(pool.submit(() -> backend.complete(request, TokenListener.NONE)));
      }
      int produced = 0;
      for (Future<Completion> future : futures) {
        produced += future.get().usage().completionTokens();
      }
      return produced / ((System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private static CompletionRequest request(ModelBackend backend, int call, int tokens) {
    return CompletionRequest.ofPrompt(
        backend.renderPrompt(
            List.of(
                ChatMessage.system("Session " + (1000 + call) + ". You are a storyteller."),
                ChatMessage.user("Tell a long story about a lighthouse keeper and a storm."))),
        tokens);
  }
}
