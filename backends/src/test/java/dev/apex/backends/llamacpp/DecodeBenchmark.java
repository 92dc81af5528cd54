package dev.apex.backends.llamacpp;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaOutput;
import dev.apex.backends.BackendSettings;
import dev.apex.backends.Backends;
import dev.apex.backends.ChatMessage;
import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.DefaultModel;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.TokenListener;
import dev.apex.backends.memory.ProcessMemory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decode tokens/s and time to first token through {@link LlamaCppBackend} against a bare
 * java-llama.cpp loop on the same loaded model, threads and prompt; runs alternate ABBA.
 *
 * <p>A harness, not a test: {@code scripts/bench-backends.sh [model] [threads] [runs] [tokens]}.
 */
public final class DecodeBenchmark {

  /**
   * Decoding runs on llama.cpp's own threads; the calling thread only waits and handles each token.
   * Its CPU time is therefore the wrapper's cost, measurable even on a busy machine.
   */
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private DecodeBenchmark() {}

  /** One timed generation. */
  private record Run(
      int tokens, double ttftMs, double decodeTokensPerSecond, double callerCpuMicrosPerToken) {}

  public static void main(String[] args) {
    Path model = Path.of(args.length > 0 ? args[0] : DefaultModel.RELATIVE_PATH);
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int tokens = args.length > 3 ? Integer.parseInt(args[3]) : 128;
    String loadBefore = loadAverage();
    LlamaCppBackend backend =
        (LlamaCppBackend)
            Backends.open(
                BackendSettings.llamaCpp(model).withThreads(threads).withContextSize(2048));
    List<Run> ours = new ArrayList<>();
    List<Run> bare = new ArrayList<>();
    ours(backend, prompt(backend, -1), tokens);
    bare(backend, prompt(backend, -2), tokens);
    for (int i = 0; i < runs; i++) {
      // ABBA order cancels slow drift (thermal, page cache) between the two.
      boolean oursFirst = i % 2 == 0;
      for (int j = 0; j < 2; j++) {
        if (oursFirst == (j == 0)) {
          ours.add(ours(backend, prompt(backend, 2 * i), tokens));
        } else {
          bare.add(bare(backend, prompt(backend, 2 * i + 1), tokens));
        }
      }
    }
    double oursTps = median(ours.stream().map(Run::decodeTokensPerSecond).toList());
    double bareTps = median(bare.stream().map(Run::decodeTokensPerSecond).toList());
    double oursTtft = median(ours.stream().map(Run::ttftMs).toList());
    double bareTtft = median(bare.stream().map(Run::ttftMs).toList());
    long rssMb = ProcessMemory.rssBytes().orElse(-(1L << 20)) >> 20;
    System.out.printf(
        Locale.ROOT,
        "model=%s threads=%d runs=%d tokens=%d (ours %d, bare %d per run)%n",
        model.getFileName(),
        threads,
        runs,
        tokens,
        ours.get(0).tokens(),
        bare.get(0).tokens());
    System.out.printf(
        Locale.ROOT,
        "ours decode tok/s per run: %s%n",
        ours.stream()
            .map(r -> String.format(Locale.ROOT, "%.1f", r.decodeTokensPerSecond()))
            .toList());
    System.out.printf(
        Locale.ROOT,
        "bare decode tok/s per run: %s%n",
        bare.stream()
            .map(r -> String.format(Locale.ROOT, "%.1f", r.decodeTokensPerSecond()))
            .toList());
    System.out.printf(Locale.ROOT, "| path | decode tok/s (median) | TTFT ms (median) |%n");
    System.out.printf(Locale.ROOT, "| --- | --- | --- |%n");
    System.out.printf(
        Locale.ROOT, "| bare java-llama.cpp loop | %.1f | %.1f |%n", bareTps, bareTtft);
    System.out.printf(Locale.ROOT, "| LlamaCppBackend | %.1f | %.1f |%n", oursTps, oursTtft);
    System.out.printf(
        Locale.ROOT,
        "decode ratio ours/bare = %.3f; TTFT ratio bare/ours = %.3f; RSS %d MiB%n",
        oursTps / bareTps,
        bareTtft / oursTtft,
        rssMb);
    List<Double> paired = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      paired.add(ours.get(i).decodeTokensPerSecond() / bare.get(i).decodeTokensPerSecond());
    }
    System.out.printf(
        Locale.ROOT,
        "paired decode ratio (each run against the bare run next to it): median %.3f, IQR %.3f-%.3f%n",
        median(paired),
        quantile(paired, 0.25),
        quantile(paired, 0.75));
    System.out.printf(
        Locale.ROOT,
        "calling-thread CPU per token (median): ours %.1f µs, bare %.1f µs%n",
        median(ours.stream().map(Run::callerCpuMicrosPerToken).toList()),
        median(bare.stream().map(Run::callerCpuMicrosPerToken).toList()));
    System.out.printf(
        Locale.ROOT, "load average before: %s; after: %s%n", loadBefore, loadAverage());
    System.exit(0);
  }

  /** A prompt whose first tokens differ per run, so no run reuses another's cached prompt. */
  static String prompt(ModelBackend backend, int run) {
    return backend.renderPrompt(
        List.of(
            ChatMessage.system("Session " + (1000 + run) + ". You are a storyteller."),
            ChatMessage.user("Tell a long story about a lighthouse keeper and a storm.")));
  }

  private static Run ours(LlamaCppBackend backend, String prompt, int tokens) {
    long cpu = THREADS.getCurrentThreadCpuTime();
    Completion c = backend.complete(CompletionRequest.ofPrompt(prompt, tokens), TokenListener.NONE);
    cpu = THREADS.getCurrentThreadCpuTime() - cpu;
    return new Run(
        c.usage().completionTokens(),
        c.timeToFirstTokenNanos() / 1e6,
        c.decodeTokensPerSecond(),
        cpu / 1e3 / c.usage().completionTokens());
  }

  /** The same request through java-llama.cpp alone: the loop a caller would write by hand. */
  private static Run bare(LlamaCppBackend backend, String prompt, int tokens) {
    InferenceParameters parameters =
        new InferenceParameters(prompt).setNPredict(tokens).setTemperature(0f).setSeed(42);
    long cpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long first = 0;
    int produced = -1; // the last message closes the stream and is not a token
    for (LlamaOutput unused : backend.nativeModel().generate(parameters)) {
      if (first == 0) {
        first = System.nanoTime() - start;
      }
      produced++;
    }
    long total = System.nanoTime() - start;
    cpu = THREADS.getCurrentThreadCpuTime() - cpu;
    double decode = produced > 1 ? (produced - 1) * 1e9 / (total - first) : 0;
    return new Run(produced, first / 1e6, decode, cpu / 1e3 / produced);
  }

  /** Other processes on the machine skew the numbers; record how busy it was. */
  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  public static double median(List<Double> values) {
    return quantile(values, 0.5);
  }

  /** Linear interpolation between closest ranks. */
  private static double quantile(List<Double> values, double q) {
    List<Double> sorted = values.stream().sorted().toList();
    double rank = q * (sorted.size() - 1);
    int low = (int) Math.floor(rank);
    int high = (int) Math.ceil(rank);
    return sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (rank - low);
  }
}
