package dev.apex.backends;

import dev.apex.backends.stub.StubScript;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Everything {@link Backends#open} needs to build a worker's backend. Each field is validated here
 * and only here; backend-specific settings (e.g. {@code LlamaSettings}) carry this record rather
 * than copies of its fields. Build one with {@link #builder} or change one field with a wither.
 *
 * @param backend a name {@link BackendChoice#parse} accepts, e.g. {@code llamacpp}, {@code
 *     llama_cpp_cuda}, {@code stub}
 * @param modelPath GGUF file; ignored by the stub
 * @param contextSize context window in tokens, all slots together
 * @param threads CPU threads; 0 lets llama.cpp choose (give each of several workers its share)
 * @param gpuLayers layers to offload; -1 is the device's default (all on Metal and CUDA)
 * @param slots parallel sequences in the one loaded model
 * @param nativeLibPath folder of the native build to load: for {@code llamacpp} a {@code libjllama}
 *     build instead of the bundled one (required for CUDA); for {@code native} the engine folder
 *     ({@code NativeEngine.locate}); or null
 * @param cudaDevice CUDA ordinal this worker is pinned to
 * @param stubScript the stub's behaviour; ignored by llama.cpp
 * @param kvReuse keep each slot's KV cache between calls and prefill only what a new prompt adds
 *     past the longest common prefix (native engine only)
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
    StubScript stubScript,
    boolean kvReuse) {

  public static final int DEFAULT_CONTEXT = 4096;

  /** {@link #gpuLayers} default: the device decides. */
  public static final int DEVICE_DEFAULT_LAYERS = -1;

  public BackendSettings {
    BackendChoice.parse(backend);
    if (contextSize < 16) {
      throw new IllegalArgumentException("contextSize < 16");
    }
    if (threads < 0) {
      throw new IllegalArgumentException("threads < 0");
    }
    if (gpuLayers < DEVICE_DEFAULT_LAYERS) {
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
    return builder("stub").build();
  }

  /** llama.cpp on the best device present (CUDA only when a native lib path is given). */
  public static BackendSettings llamaCpp(Path modelPath) {
    return builder("llamacpp").modelPath(modelPath).build();
  }

  /** A builder for {@code backend} with every other field at its default. */
  public static Builder builder(String backend) {
    return new Builder(backend);
  }

  /** A builder that starts from these settings. */
  public Builder toBuilder() {
    return new Builder(backend)
        .modelPath(modelPath)
        .contextSize(contextSize)
        .threads(threads)
        .gpuLayers(gpuLayers)
        .slots(slots)
        .nativeLibPath(nativeLibPath)
        .cudaDevice(cudaDevice)
        .stubScript(stubScript)
        .kvReuse(kvReuse);
  }

  public BackendChoice choice() {
    return BackendChoice.parse(backend);
  }

  public BackendSettings withBackend(String name) {
    return toBuilder().backend(name).build();
  }

  public BackendSettings withModelPath(@Nullable Path path) {
    return toBuilder().modelPath(path).build();
  }

  public BackendSettings withContextSize(int n) {
    return toBuilder().contextSize(n).build();
  }

  public BackendSettings withThreads(int n) {
    return toBuilder().threads(n).build();
  }

  public BackendSettings withGpuLayers(int n) {
    return toBuilder().gpuLayers(n).build();
  }

  public BackendSettings withSlots(int n) {
    return toBuilder().slots(n).build();
  }

  public BackendSettings withNativeLibPath(@Nullable Path path) {
    return toBuilder().nativeLibPath(path).build();
  }

  public BackendSettings withCudaDevice(int index) {
    return toBuilder().cudaDevice(index).build();
  }

  public BackendSettings withStubScript(StubScript script) {
    return toBuilder().stubScript(script).build();
  }

  public BackendSettings withKvReuse(boolean on) {
    return toBuilder().kvReuse(on).build();
  }

  /**
   * The one place a {@link BackendSettings} is assembled; it holds the defaults, and {@link #build}
   * validates. Not thread-safe.
   */
  public static final class Builder {
    private String backend;
    private @Nullable Path modelPath;
    private int contextSize = DEFAULT_CONTEXT;
    private int threads;
    private int gpuLayers = DEVICE_DEFAULT_LAYERS;
    private int slots = 1;
    private @Nullable Path nativeLibPath;
    private int cudaDevice;
    private StubScript stubScript = StubScript.defaults();
    private boolean kvReuse = true;

    private Builder(String backend) {
      this.backend = backend;
    }

    public Builder backend(String name) {
      this.backend = name;
      return this;
    }

    public Builder modelPath(@Nullable Path path) {
      this.modelPath = path;
      return this;
    }

    public Builder contextSize(int n) {
      this.contextSize = n;
      return this;
    }

    public Builder threads(int n) {
      this.threads = n;
      return this;
    }

    public Builder gpuLayers(int n) {
      this.gpuLayers = n;
      return this;
    }

    public Builder slots(int n) {
      this.slots = n;
      return this;
    }

    public Builder nativeLibPath(@Nullable Path path) {
      this.nativeLibPath = path;
      return this;
    }

    public Builder cudaDevice(int index) {
      this.cudaDevice = index;
      return this;
    }

    public Builder stubScript(StubScript script) {
      this.stubScript = script;
      return this;
    }

    public Builder kvReuse(boolean on) {
      this.kvReuse = on;
      return this;
    }

    /**
     * The settings, validated.
     *
     * @throws IllegalArgumentException naming the first field out of range
     */
    public BackendSettings build() {
      return new BackendSettings(
          backend,
          modelPath,
          contextSize,
          threads,
          gpuLayers,
          slots,
          nativeLibPath,
          cudaDevice,
          stubScript,
          kvReuse);
    }
  }
}
