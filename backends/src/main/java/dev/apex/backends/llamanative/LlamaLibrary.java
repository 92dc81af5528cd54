package dev.apex.backends.llamanative;

import dev.apex.backends.PermanentBackendException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The JNI shim's functions ({@code backends/native/apexllama.c}), loaded from one engine per
 * process. Handles are native pointers as {@code long}; a zero handle or a bad argument throws
 * {@link NativeEngineException} instead of reaching llama.cpp.
 */
final class LlamaLibrary {

  private static @Nullable Path loaded;

  private LlamaLibrary() {}

  /** Loads {@code engine}'s shim (and through its rpath, its llama.cpp) once per process. */
  static synchronized void load(NativeEngine engine) {
    Path shim = engine.shim();
    if (loaded != null) {
      if (!loaded.equals(shim)) {
        throw new PermanentBackendException(
            "the native engine " + loaded + " is loaded; cannot switch to " + shim);
      }
      return;
    }
    try {
      System.load(shim.toString());
    } catch (UnsatisfiedLinkError e) {
      throw new PermanentBackendException(
          shim
              + " does not load ("
              + e.getMessage()
              + "): run "
              + NativeEngine.BUILD_COMMAND
              + " again",
          e);
    }
    loaded = shim;
  }

  static native void setLog(boolean on);

  static native String systemInfo();

  /**
   * @param gpuLayers layers to offload; negative is all
   * @param mainGpu the one GPU to use (split mode none), or -1 for llama.cpp's default
   */
  static native long loadModel(String path, int gpuLayers, int mainGpu);

  static native void freeModel(long model);

  static native String describeModel(long model);

  static native long newContext(long model, int contextSize, int sequences, int batch, int threads);

  static native void freeContext(long context);

  /** Context cells of one sequence. */
  static native int sequenceContext(long context);

  /** Tokens of UTF-8 {@code text}, special tokens parsed; BOS added when {@code addSpecial}. */
  static native int[] tokenize(long model, byte[] text, boolean addSpecial);

  /** UTF-8 bytes of one token; may end inside a character. Control tokens render empty. */
  static native byte[] piece(long model, int token);

  static native boolean isEndOfGeneration(long model, int token);

  /** The model's own chat template applied by llama.cpp, generation prompt added. */
  static native byte[] applyTemplate(long model, byte[][] roles, byte[][] contents);

  /**
   * Drops sequence {@code sequence}'s cells from position {@code from} on; false when it cannot.
   */
  static native boolean removeFrom(long context, int sequence, int from);

  /** One llama_decode of at most n_batch tokens; {@code outputs} marks where logits are kept. */
  static native void decode(
      long context, int[] tokens, int[] positions, int[] sequences, boolean[] outputs);

  /** A sampler chain: grammar (GBNF, or null), then greedy at 0 or top-k/p, min-p, temp, seed. */
  static native long newSampler(long model, float temperature, int seed, byte @Nullable [] grammar);

  /** Samples (and accepts) the token at output {@code output} (-1: the last) of the last decode. */
  static native int sample(long sampler, long context, int output);

  static native void freeSampler(long sampler);
}
