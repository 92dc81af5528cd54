package dev.apex.backends.llamanative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.backends.PermanentBackendException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A llama.cpp build made by {@code ./apex native build}: its folder ({@code lib/}, {@code
 * include/}, {@code engine.json}) and what {@code engine.json} says about it.
 *
 * <p>The one place that decides where the engine is: {@value #ENGINE_ENV}, else the {@code current}
 * link under {@value #HOME_ENV}, else under {@code $XDG_CACHE_HOME/apex/native}, else {@code
 * ~/.cache/apex/native} (as {@code scripts/native-build.sh} writes it).
 *
 * @param dir the engine folder
 * @param llamaCpp llama.cpp version it was built from
 * @param backend {@code cpu}, {@code cuda} or {@code metal}
 * @param cpuFeatures instruction sets it was compiled for, e.g. {@code AVX2}, {@code AVX512}
 */
public record NativeEngine(Path dir, String llamaCpp, String backend, List<String> cpuFeatures) {

  public static final String ENGINE_ENV = "APEX_NATIVE_ENGINE";
  public static final String HOME_ENV = "APEX_NATIVE_HOME";
  public static final String BUILD_COMMAND = "./apex native build";
  static final String SHIM = System.mapLibraryName("apexllama");

  public NativeEngine {
    cpuFeatures = List.copyOf(cpuFeatures);
  }

  /**
   * The engine folder {@code env} points to (a process's environment, or a test's map); it may not
   * exist: {@link #read} says so.
   */
  public static Path locate(Map<String, String> env) {
    String engine = env.get(ENGINE_ENV);
    if (engine != null && !engine.isBlank()) {
      return Path.of(engine);
    }
    String home = env.get(HOME_ENV);
    if (home == null || home.isBlank()) {
      String cache = env.get("XDG_CACHE_HOME");
      Path base =
          cache == null || cache.isBlank()
              ? Path.of(System.getProperty("user.home"), ".cache")
              : Path.of(cache);
      return base.resolve("apex").resolve("native").resolve("current");
    }
    return Path.of(home).resolve("current");
  }

  /** Reads the engine at {@code dir}; throws with one line naming {@value #BUILD_COMMAND}. */
  public static NativeEngine read(Path dir) {
    Path json = dir.resolve("engine.json");
    if (!Files.isRegularFile(json)) {
      throw new PermanentBackendException(
          "no native engine at " + dir + " (no engine.json): run " + BUILD_COMMAND);
    }
    if (!Files.isRegularFile(dir.resolve("lib").resolve(SHIM))) {
      throw new PermanentBackendException(
          "the native engine at "
              + dir
              + " has no lib/"
              + SHIM
              + " (the JNI shim): run "
              + BUILD_COMMAND
              + " again");
    }
    try {
      JsonNode node = new ObjectMapper().readTree(json.toFile());
      List<String> features = new ArrayList<>();
      node.path("cpu_features").forEach(f -> features.add(f.asText()));
      return new NativeEngine(
          // The build's own folder, not the current link: it names the key that ran.
          dir.toRealPath(), text(node, "llama_cpp"), text(node, "backend"), features);
    } catch (IOException e) {
      throw new PermanentBackendException(
          json + " cannot be read (" + e.getMessage() + "): run " + BUILD_COMMAND + " again", e);
    }
  }

  /** The JNI shim of this engine. */
  Path shim() {
    return dir.resolve("lib").resolve(SHIM);
  }

  /** The instruction sets as one word list, or {@code generic}. */
  public String instructionSet() {
    return cpuFeatures.isEmpty() ? "generic" : String.join(" ", cpuFeatures);
  }

  private static String text(JsonNode node, String field) {
    @Nullable JsonNode value = node.get(field);
    return value == null || value.isNull() ? "unknown" : value.asText();
  }
}
