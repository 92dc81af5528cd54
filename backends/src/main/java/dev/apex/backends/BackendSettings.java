package dev.apex.backends;

import dev.apex.backends.stub.StubScript;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@link Backends#open} needs to build a worker's backend.
 *
 * @param backend a name {@link BackendChoice#parse} accepts, e.g. {@code llamacpp}, {@code
 *     llama_cpp_cuda}, {@code stub}
 * @param modelPath GGUF file; ignored by the stub
 * @param contextSize context window in tokens, all slots together
 * @param threads CPU threads; 0 lets llama.cpp choose (give each of several workers its share)
 * @param gpuLayers layers to offload; -1 is the device's default (all on Metal and CUDA)
 * @param slots parallel sequences in the one loaded model
 * @param nativeLibPath folder with a {@code libjllama} build to load instead of the bundled one
 *     (required for CUDA), or null
 * @param cudaDevice CUDA ordinal this worker is pinned to
 * @param stubScript the stub's behaviour; ignored by llama.cpp
 */
public record BackendSettings(
    String backend,
    @Nullable Path modelPath,
    int contextSize,
    int threads,
    int gpuLayers,
    int slots,
    @Nullable Path nativeLibPath,
    int cudaDevice,
    StubScript stubScript) {

  public static final int DEFAULT_CONTEXT = 4096;

  public BackendSettings {
    BackendChoice.parse(backend);
    if (contextSize < 16) {
      throw new IllegalArgumentException("contextSize < 16");
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads < 0");
    }
    if (gpuLayers < -1) {
      throw new IllegalArgumentException("gpuLayers < -1");
    }
    if (slots < 1) {
      throw new IllegalArgumentException("slots < 1");
    }
    if (cudaDevice < 0) {
      throw new IllegalArgumentException("cudaDevice < 0");
    }
  }

  /** The deterministic stub with its default script. */
  public static BackendSettings stub() {
    return new BackendSettings(
        "stub", null, DEFAULT_CONTEXT, 0, -1, 1, null, 0, StubScript.defaults());
  }

  /** llama.cpp on the best device present (CUDA only when a native lib path is given). */
  public static BackendSettings llamaCpp(Path modelPath) {
    return new BackendSettings(
        "llamacpp", modelPath, DEFAULT_CONTEXT, 0, -1, 1, null, 0, StubScript.defaults());
  }

  public BackendChoice choice() {
    return BackendChoice.parse(backend);
  }

  public BackendSettings withBackend(String name) {
    return new BackendSettings(
        name,
        modelPath,
        contextSize,
        threads,
        gpuLayers,
        slots,
        nativeLibPath,
        cudaDevice,
        stubScript);
  }

  public BackendSettings withModelPath(@Nullable Path path) {
    return new BackendSettings(
        backend,
        path,
        contextSize,
        threads,
        gpuLayers,
        slots,
        nativeLibPath,
        cudaDevice,
        stubScript);
  }

  public BackendSettings withContextSize(int n) {
    return new BackendSettings(
        backend, modelPath, n, threads, gpuLayers, slots, nativeLibPath, cudaDevice, stubScript);
  }

  public BackendSettings withThreads(int n) {
    return new BackendSettings(
        backend,
        modelPath,
        contextSize,
        n,
        gpuLayers,
        slots,
        nativeLibPath,
        cudaDevice,
        stubScript);
  }

  public BackendSettings withGpuLayers(int n) {
    return new BackendSettings(
        backend, modelPath, contextSize, threads, n, slots, nativeLibPath, cudaDevice, stubScript);
  }

  public BackendSettings withSlots(int n) {
    return new BackendSettings(
        backend,
        modelPath,
        contextSize,
        threads,
        gpuLayers,
        n,
        nativeLibPath,
        cudaDevice,
        stubScript);
  }

  public BackendSettings withNativeLibPath(@Nullable Path path) {
    return new BackendSettings(
        backend, modelPath, contextSize, threads, gpuLayers, slots, path, cudaDevice, stubScript);
  }

  public BackendSettings withCudaDevice(int index) {
    return new BackendSettings(
        backend,
        modelPath,
        contextSize,
        threads,
        gpuLayers,
        slots,
        nativeLibPath,
        index,
        stubScript);
  }

  public BackendSettings withStubScript(StubScript script) {
    return new BackendSettings(
        backend,
        modelPath,
        contextSize,
        threads,
        gpuLayers,
        slots,
        nativeLibPath,
        cudaDevice,
        script);
  }
}
