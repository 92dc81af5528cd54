package dev.apex.backends;

import dev.apex.backends.llamanative.NativeEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the real default model for ITs, fetching it when it is missing. */
public final class TestModels {

  private TestModels() {}

  /** The repository root, from {@code -Dapex.repositoryRoot} (set by the build) or the parent. */
  public static Path repositoryRoot() {
    return Path.of(System.getProperty("apex.repositoryRoot", "..")).toAbsolutePath().normalize();
  }

  /** The default model, fetched the way every command gets it when it is missing. */
  public static Path defaultModel() {
    return DefaultModel.fetchIfMissing(
        repositoryRoot(), message -> System.err.println("TestModels: " + message));
  }

  /** What the ITs load: the default model, 2048 tokens, two threads (CI has two cores). */
  public static BackendSettings defaultLlamaCpp() {
    return BackendSettings.llamaCpp(defaultModel()).withContextSize(2048).withThreads(2);
  }

  /**
   * The native engine the tests use, found as a worker finds it ({@code APEX_NATIVE_ENGINE}, else
   * the {@code current} link); fails, never skips, when none is built.
   */
  public static Path nativeEngine() {
    Path dir = NativeEngine.locate(System.getenv());
    if (!Files.isRegularFile(dir.resolve("engine.json"))) {
      throw new IllegalStateException(
          "no native engine at "
              + dir
              + ": run "
              + NativeEngine.BUILD_COMMAND
              + " (CI builds it in .ci/run before the tests)");
    }
    return dir;
  }

  /**
   * Gemma 3 270M (a second architecture, sliding-window attention), fetched by {@code
   * scripts/fetch-model.sh gemma3-270m} (cached; seconds when present).
   */
  public static Path gemma3() {
    try {
      Process fetch =
          new ProcessBuilder(
                  repositoryRoot().resolve("scripts/fetch-model.sh").toString(), "gemma3-270m")
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String path =
          new String(fetch.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (fetch.waitFor() != 0 || path.isEmpty()) {
        throw new IllegalStateException("scripts/fetch-model.sh gemma3-270m failed (see stderr)");
      }
      return Path.of(path);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run scripts/fetch-model.sh gemma3-270m", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted fetching Gemma 3 270M", e);
    }
  }

  /**
   * What the native ITs load: the default model on the native engine, as {@link #defaultLlamaCpp}.
   */
  public static BackendSettings defaultNative() {
    return defaultLlamaCpp().withBackend("native").withNativeLibPath(nativeEngine());
  }

  /** What {@code llamacpp} picks here: Metal on Apple Silicon, else CPU (ITs configure no CUDA). */
  public static String expectedDeviceKind() {
    boolean appleSilicon =
        System.getProperty("os.name", "").startsWith("Mac")
            && System.getProperty("os.arch", "").equals("aarch64");
    return appleSilicon ? "metal" : "cpu";
  }
}
