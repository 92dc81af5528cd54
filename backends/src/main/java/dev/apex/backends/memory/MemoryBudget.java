package dev.apex.backends.memory;

import dev.apex.backends.PermanentBackendException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Memory one pool offers: host RAM (CPU, Metal) or one GPU's free VRAM (CUDA).
 *
 * <p>On RAM, workers that map the same model file share its pages, so a fleet counts each file
 * once; on VRAM every process holds its own copy.
 *
 * @param pool which memory this is
 * @param availableBytes bytes that can be used now
 */
public record MemoryBudget(Pool pool, long availableBytes) {

  /** Where the model's weights and KV cache live. */
  public enum Pool {
    RAM,
    VRAM
  }

  public MemoryBudget {
    if (availableBytes < 0) {
      throw new IllegalArgumentException("availableBytes < 0");
    }
  }

  /**
   * Throws a one-line {@link PermanentBackendException} naming the numbers when {@code need} does
   * not fit.
   */
  public void require(MemoryEstimate need) {
    if (need.total() > availableBytes) {
      throw new PermanentBackendException(
          "not enough "
              + pool
              + " for "
              + need.modelFile().getFileName()
              + ": "
              + breakdown(need)
              + " > "
              + gib(availableBytes)
              + " available");
    }
  }

  /** Whether {@code workers}, started together, fit; the message names the totals either way. */
  public FleetFit fleet(List<MemoryEstimate> workers) {
    Set<String> counted = new HashSet<>();
    long needed = 0;
    for (MemoryEstimate worker : workers) {
      boolean shared =
          pool == Pool.RAM && !counted.add(worker.modelFile().toAbsolutePath().toString());
      needed += shared ? worker.withoutModel().total() : worker.total();
    }
    String message =
        String.format(
            Locale.ROOT,
            "%d workers need %s of %s, %s available%s",
            workers.size(),
            gib(needed),
            pool,
            gib(availableBytes),
            pool == Pool.RAM ? " (each of " + counted.size() + " model files counted once)" : "");
    return new FleetFit(needed <= availableBytes, needed, availableBytes, message);
  }

  static String breakdown(MemoryEstimate need) {
    return String.format(
        Locale.ROOT,
        "model %s + KV cache %s (context %d) + overhead %s = %s",
        gib(need.modelBytes()),
        gib(need.kvCacheBytes()),
        need.contextSize(),
        gib(need.overheadBytes()),
        gib(need.total()));
  }

  static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
  }
}
