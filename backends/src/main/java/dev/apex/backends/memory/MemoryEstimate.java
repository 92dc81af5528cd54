package dev.apex.backends.memory;

import dev.apex.backends.gguf.GgufFile;
import java.nio.file.Path;

/**
 * Memory one worker needs for its model: weights, KV cache for its context, and a fixed overhead.
 *
 * @param modelFile the GGUF file; workers on CPU or Metal that map the same file share its pages
 * @param modelBytes tensor data of the model
 * @param kvCacheBytes K and V caches for {@code contextSize} tokens
 * @param overheadBytes compute buffers, runtime and JVM, a fixed allowance per process
 * @param contextSize context window in tokens, all slots together
 */
public record MemoryEstimate(
    Path modelFile, long modelBytes, long kvCacheBytes, long overheadBytes, int contextSize) {

  /** Per process on CPU or Metal: llama.cpp compute buffers plus the worker's JVM. */
  public static final long HOST_OVERHEAD = 512L << 20;

  /** Per process on CUDA: the CUDA context and compute buffers. */
  public static final long CUDA_OVERHEAD = 1L << 30;

  /** llama.cpp keeps K and V in f16 unless told otherwise. */
  private static final int KV_BYTES_PER_ELEMENT = 2;

  public MemoryEstimate {
    if (modelBytes < 0 || kvCacheBytes < 0 || overheadBytes < 0) {
      throw new IllegalArgumentException("bytes < 0");
    }
    if (contextSize < 1) {
      throw new IllegalArgumentException("contextSize < 1");
    }
  }

  /** Estimates from the GGUF header: layers × context × KV heads × head size × 2 (K, V) × 2 B. */
  public static MemoryEstimate of(GgufFile file, int contextSize, long overheadBytes) {
    long blocks = require(file, file.blockCount().orElse(-1), "block_count");
    long kvHeads = require(file, file.headCountKv().orElse(-1), "attention.head_count_kv");
    long heads = require(file, file.headCount().orElse(-1), "attention.head_count");
    long headDim =
        file.archNumber("attention.key_length")
            .orElse(require(file, file.embeddingLength().orElse(-1), "embedding_length") / heads);
    long kv =
        Math.multiplyExact(
            Math.multiplyExact(blocks * contextSize, kvHeads * headDim), 2L * KV_BYTES_PER_ELEMENT);
    return new MemoryEstimate(file.path(), file.tensorBytes(), kv, overheadBytes, contextSize);
  }

  public long total() {
    return modelBytes + kvCacheBytes + overheadBytes;
  }

  /** The same need when the model's pages are already resident through another process. */
  public MemoryEstimate withoutModel() {
    return new MemoryEstimate(modelFile, 0, kvCacheBytes, overheadBytes, contextSize);
  }

  private static long require(GgufFile file, long value, String key) {
    if (value <= 0) {
      throw new IllegalArgumentException(
          "cannot size the KV cache: no " + file.architecture() + "." + key + " in " + file.path());
    }
    return value;
  }
}
