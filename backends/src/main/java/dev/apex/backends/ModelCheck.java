package dev.apex.backends;

import dev.apex.backends.memory.ProcessMemory;
import java.util.List;

/**
 * Loads a model exactly as a worker does ({@link Backends#open}), runs the warmup and a short
 * generation, and reports timings; behind {@code ./apex model check}.
 */
public final class ModelCheck {

  /** The short generation's request: greedy, so runs compare. */
  public static final CompletionRequest PROBE =
      CompletionRequest.ofMessages(
          List.of(ChatMessage.user("Write one sentence about the sea.")), 32);

  private ModelCheck() {}

  /**
   * Runs the check. The backend stays loaded (java-llama.cpp cannot unload): the caller prints the
   * report and exits the process.
   *
   * @throws BackendException with a one-line message: missing file, not GGUF, truncated GGUF,
   *     context too large for memory, CUDA asked for where there is none, ...
   */
  public static ModelCheckReport run(BackendSettings settings) {
    long start = System.nanoTime();
    ModelBackend backend = Backends.open(settings);
    long loaded = System.nanoTime();
    backend.warmup();
    long warm = System.nanoTime();
    Completion probe = backend.complete(PROBE, TokenListener.NONE);
    ModelInfo info = backend.info();
    return new ModelCheckReport(
        info.backend(),
        info.deviceKind(),
        info.deviceName(),
        info.model(),
        (loaded - start) / 1_000_000,
        (warm - loaded) / 1_000_000,
        probe.usage().promptTokens(),
        probe.usage().completionTokens(),
        probe.decodeTokensPerSecond(),
        ProcessMemory.rssBytes().orElse(-(1L << 20)) >> 20,
        info.engine());
  }
}
