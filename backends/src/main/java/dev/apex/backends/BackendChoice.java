package dev.apex.backends;

import java.util.Locale;
import java.util.Map;

/**
 * A backend name resolved to an implementation and the device it asks for. The names of APEX's
 * first version ({@code llama_cpp_metal}, {@code hf_cuda}, {@code stub}) keep working as aliases.
 */
public record BackendChoice(Kind kind, Device device) {

  /** Which implementation serves the model. */
  public enum Kind {
    STUB,
    /** java-llama.cpp's bundled (or a self-built libjllama) library. */
    LLAMACPP,
    /** The llama.cpp engine {@code ./apex native build} compiled, through APEX's JNI shim. */
    NATIVE
  }

  /** Which device the backend is asked to use; AUTO picks the best one present. */
  public enum Device {
    AUTO,
    CPU,
    METAL,
    CUDA
  }

  private static final Map<String, BackendChoice> NAMES =
      Map.ofEntries(
          Map.entry("stub", new BackendChoice(Kind.STUB, Device.CPU)),
          Map.entry("llamacpp", new BackendChoice(Kind.LLAMACPP, Device.AUTO)),
          Map.entry("llama_cpp", new BackendChoice(Kind.LLAMACPP, Device.AUTO)),
          Map.entry("llama.cpp", new BackendChoice(Kind.LLAMACPP, Device.AUTO)),
          Map.entry("llama_cpp_cpu", new BackendChoice(Kind.LLAMACPP, Device.CPU)),
          Map.entry("llama_cpp_metal", new BackendChoice(Kind.LLAMACPP, Device.METAL)),
          Map.entry("llama_cpp_cuda", new BackendChoice(Kind.LLAMACPP, Device.CUDA)),
          Map.entry("hf_cuda", new BackendChoice(Kind.LLAMACPP, Device.CUDA)),
          Map.entry("native", new BackendChoice(Kind.NATIVE, Device.AUTO)),
          Map.entry("native_cpu", new BackendChoice(Kind.NATIVE, Device.CPU)),
          Map.entry("native_metal", new BackendChoice(Kind.NATIVE, Device.METAL)),
          Map.entry("native_cuda", new BackendChoice(Kind.NATIVE, Device.CUDA)));

  /** Resolves a backend name; throws with the accepted names when it is unknown. */
  public static BackendChoice parse(String name) {
    BackendChoice choice = NAMES.get(name.trim().toLowerCase(Locale.ROOT));
    if (choice == null) {
      throw new IllegalArgumentException(
          "unknown backend '" + name + "'; use one of " + new java.util.TreeSet<>(NAMES.keySet()));
    }
    return choice;
  }

  /** The names {@link #parse} accepts. */
  public static java.util.Set<String> names() {
    return new java.util.TreeSet<>(NAMES.keySet());
  }
}
