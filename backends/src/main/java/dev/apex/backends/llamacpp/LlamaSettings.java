package dev.apex.backends.llamacpp;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How a llama.cpp worker loads its model.
 *
 * @param modelPath GGUF file
 * @param device where the weights run: CPU, METAL or CUDA (already resolved, never AUTO)
 * @param contextSize context window in tokens, shared by all slots
 * @param threads CPU threads for generation; 0 lets llama.cpp choose
 * @param gpuLayers layers to offload; -1 is llama.cpp's default (all on Metal), 999 all on CUDA
 * @param slots parallel sequences; each gets {@code contextSize / slots} tokens
 * @param seed default sampling seed
 * @param nativeLibPath folder holding a {@code libjllama} build to load (e.g. CUDA), or null for
 *     the one bundled in the jar
 * @param cudaDevice CUDA ordinal to pin the model to; ignored unless {@code device} is CUDA
 * @param nativeLog keep llama.cpp's own log on stderr (it is switched off otherwise)
 */
public record LlamaSettings(
    Path modelPath,
    Device device,
    int contextSize,
    int threads,
    int gpuLayers,
    int slots,
    int seed,
    @Nullable Path nativeLibPath,
    int cudaDevice,
    boolean nativeLog) {

  public static final int DEFAULT_CONTEXT = 4096;
  public static final int ALL_LAYERS = 999;
  public static final int DEFAULT_SEED = 42;

  /** A resolved device. */
  public enum Device {
    CPU,
    METAL,
    CUDA
  }

  public LlamaSettings {
    if (contextSize < 16) {
      throw new IllegalArgumentException("contextSize < 16");
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads < 0");
    }
    if (gpuLayers < -1) {
      throw new IllegalArgumentException("gpuLayers < -1");
    }
    // llama.cpp aborts the JVM on --parallel 0.
    if (slots < 1 || contextSize / slots < 16) {
      throw new IllegalArgumentException("slots < 1 or contextSize / slots < 16");
    }
    if (cudaDevice < 0) {
      throw new IllegalArgumentException("cudaDevice < 0");
    }
  }

  /** CPU defaults for {@code modelPath}: 4096 tokens, one slot, llama.cpp's thread count. */
  public static LlamaSettings cpu(Path modelPath) {
    return new LlamaSettings(
        modelPath, Device.CPU, DEFAULT_CONTEXT, 0, 0, 1, DEFAULT_SEED, null, 0, false);
  }

  public LlamaSettings withThreads(int n) {
    return new LlamaSettings(
        modelPath,
        device,
        contextSize,
        n,
        gpuLayers,
        slots,
        seed,
        nativeLibPath,
        cudaDevice,
        nativeLog);
  }

  public LlamaSettings withContextSize(int n) {
    return new LlamaSettings(
        modelPath,
        device,
        n,
        threads,
        gpuLayers,
        slots,
        seed,
        nativeLibPath,
        cudaDevice,
        nativeLog);
  }

  /** Context tokens of one slot. */
  public int slotContext() {
    return contextSize / slots;
  }

  /** Layers actually requested: the device's default resolved. */
  int effectiveGpuLayers() {
    if (gpuLayers >= 0) {
      return gpuLayers;
    }
    return device == Device.CPU ? 0 : ALL_LAYERS;
  }
}
