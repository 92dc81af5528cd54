package dev.apex.backends;

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

  /** What {@code llamacpp} picks here: Metal on Apple Silicon, else CPU (ITs configure no CUDA). */
  public static String expectedDeviceKind() {
    boolean appleSilicon =
        System.getProperty("os.name", "").startsWith("Mac")
            && System.getProperty("os.arch", "").equals("aarch64");
    return appleSilicon ? "metal" : "cpu";
  }
}
