package dev.apex.backends;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the real default model for ITs; fails with the fix when it is missing. */
public final class TestModels {

  private TestModels() {}

  /** The repository root, from {@code -Dapex.repositoryRoot} (set by the build) or the parent. */
  public static Path repositoryRoot() {
    return Path.of(System.getProperty("apex.repositoryRoot", "..")).toAbsolutePath().normalize();
  }

  public static Path defaultModel() {
    Path model = DefaultModel.under(repositoryRoot());
    if (!Files.isRegularFile(model)) {
      throw new IllegalStateException(
          "default model missing at " + model + ": run " + DefaultModel.FETCH_SCRIPT + " first");
    }
    return model;
  }

  /** What the ITs load: the default model, 2048 tokens, two threads (CI has two cores). */
  public static BackendSettings defaultLlamaCpp() {
    return BackendSettings.llamaCpp(defaultModel()).withContextSize(2048).withThreads(2);
  }

  /** What {@code llamacpp} picks here: Metal on Apple Silicon, else CPU (ITs configure no CUDA). */
  public static String expectedDeviceKind() {
    boolean appleSilicon =
        System.getProperty("os.name", "").startsWith("Mac")
            && System.getProperty("os.arch", "").equals("aarch64");
    return appleSilicon ? "metal" : "cpu";
  }
}
