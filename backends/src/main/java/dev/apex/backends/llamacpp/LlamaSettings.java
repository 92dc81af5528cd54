package dev.apex.backends.llamacpp;

import dev.apex.backends.BackendSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a llama.cpp worker loads its model: the worker's {@link BackendSettings} (validated there)
 * plus what opening them resolved.
 *
 * @param worker the worker's settings; their model path is set
 * @param device where the weights run: CPU, METAL or CUDA (already resolved, never AUTO)
 * @param seed default sampling seed
 * @param nativeLog keep llama.cpp's own log on stderr (it is switched off otherwise)
 */
public record LlamaSettings(BackendSettings worker, Device device, int seed, boolean nativeLog) {

  public static final int ALL_LAYERS = 999;

  /** A resolved device. */
  public enum Device {
    CPU,
    METAL,
    CUDA
  }

  public LlamaSettings {
    if (worker.modelPath() == null) {
      throw new IllegalArgumentException("modelPath == null");
    }
    // llama.cpp aborts the JVM when a slot's share of the context is this small.
    if (worker.contextSize() / worker.slots() < 16) {
      throw new IllegalArgumentException("contextSize / slots < 16");
    }
  }

  /** The GGUF file. */
  public Path modelPath() {
    return Objects.requireNonNull(worker.modelPath());
  }

  /** Context tokens of one slot. */
  public int slotContext() {
    return worker.contextSize() / worker.slots();
  }

  /** Layers actually requested: the device's default resolved. */
  public int effectiveGpuLayers() {
    if (worker.gpuLayers() >= 0) {
      return worker.gpuLayers();
    }
    return device == Device.CPU ? 0 : ALL_LAYERS;
  }
}
