package dev.apex.backends.llamacpp;

import dev.apex.backends.BackendSettings;
import dev.apex.backends.Backends;
import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.TokenListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decode tokens/s of one backend, named as {@code APEX_LLM_BACKEND} names it, through the {@link
 * ModelBackend} contract only, so every backend is measured by the same code.
 *
 * <p>A harness, not a test: {@code scripts/bench-native.sh} runs it once per backend in its own JVM
 * (a worker's situation: one engine per process) and reads the {@code RESULT} line.
 */
public final class BackendDecodeBenchmark {

  private BackendDecodeBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: BackendDecodeBenchmark BACKEND MODEL [threads] [runs] [tokens]");
    }
    String name = args[0];
    Path model = Path.of(args[1]);
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    int tokens = args.length > 4 ? Integer.parseInt(args[4]) : 128;
    String loadBefore = DecodeBenchmark.loadAverage();
    List<Double> decode = new ArrayList<>();
    List<Double> ttft = new ArrayList<>();
    int produced = 0;
    int promptTokens = 0;
    try (ModelBackend backend =
        Backends.open(
            BackendSettings.llamaCpp(model)
                .withBackend(name)
                .withThreads(threads)
                .withContextSize(2048))) {
      complete(backend, -1, tokens);
      for (int run = 0; run < runs; run++) {
        Completion c = complete(backend, run, tokens);
        decode.add(c.decodeTokensPerSecond());
        ttft.add(c.timeToFirstTokenNanos() / 1e6);
        produced = c.usage().completionTokens();
        promptTokens = c.usage().promptTokens();
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s: decode tok/s per run %s; %d tokens per run; load before %s, after %s%n",
        name,
        decode.stream().map(d -> String.format(Locale.ROOT, "%.1f", d)).toList(),
        produced,
        loadBefore,
        DecodeBenchmark.loadAverage());
    System.out.printf(
        Locale.ROOT,
        "RESULT backend=%s decode_tps=%.2f ttft_ms=%.1f tokens=%d prompt_tokens=%d%n",
        name,
        DecodeBenchmark.median(decode),
        DecodeBenchmark.median(ttft),
        produced,
        promptTokens);
    System.exit(0);
  }

  private static Completion complete(ModelBackend backend, int run, int tokens) {
    return backend.complete(
        CompletionRequest.ofPrompt(DecodeBenchmark.prompt(backend, run), tokens),
        TokenListener.NONE);
  }
}
