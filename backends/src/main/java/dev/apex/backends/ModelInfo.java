package dev.apex.backends;

/**
 * What a backend has loaded and where it runs.
 *
 * @param backend backend name, e.g. {@code stub}, {@code llamacpp} or {@code native}
 * @param deviceKind {@code cpu}, {@code metal}, {@code cuda} or {@code none}
 * @param deviceName human-readable device, e.g. the GPU's name
 * @param model model file or stub script name
 * @param contextSize context window in tokens
 * @param engine the inference engine's build
 */
public record ModelInfo(
    String backend,
    String deviceKind,
    String deviceName,
    String model,
    int contextSize,
    Engine engine) {

  /**
   * The build that runs the model.
   *
   * @param name e.g. {@code java-llama.cpp 4.2.0} or the native engine's folder
   * @param llamaCpp llama.cpp version inside it
   * @param instructionSet CPU instruction sets it was compiled for, or what is known of them
   */
  public record Engine(String name, String llamaCpp, String instructionSet) {

    /** The stub runs no engine. */
    public static final Engine NONE = new Engine("none", "none", "none");

    /** The library inside the stock {@code de.kherud:llama} 4.2.0 jar. */
    public static final Engine JAVA_LLAMA_CPP =
        new Engine("java-llama.cpp 4.2.0", "b4916", "as bundled (AVX2 on Linux x86-64)");
  }
}
