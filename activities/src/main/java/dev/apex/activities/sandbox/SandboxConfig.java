package dev.apex.activities.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Machine-level sandbox settings.
 *
 * @param junitJar the junit-platform-console-standalone jar offered as {@code $APEX_JUNIT_JAR}, or
 *     null when Java tasks are not run
 * @param stagingDir where readable copies for the sandbox are made; every ancestor must be
 *     searchable by other users (not under /root)
 * @param hostPath the PATH commands get in the unisolated fallback, which has no system of its own
 * @param network whether sandboxed commands keep the host's network ({@code APEX_ALLOW_NETWORK}):
 *     off by default, so model-written code and the tests that grade it run offline
 */
public record SandboxConfig(
    @Nullable Path junitJar, Path stagingDir, String hostPath, boolean network) {

  /** The seed's switch that lets sandboxed commands reach the network. */
  public static final String ALLOW_NETWORK = "APEX_ALLOW_NETWORK";

  public SandboxConfig {
    if (junitJar != null && !Files.isRegularFile(junitJar)) {
      throw new IllegalArgumentException("junitJar not a file: " + junitJar);
    }
    if (!stagingDir.isAbsolute()) {
      throw new IllegalArgumentException("stagingDir not absolute: " + stagingDir);
    }
  }

  /** Offline, as by default. */
  public SandboxConfig(@Nullable Path junitJar, Path stagingDir, String hostPath) {
    this(junitJar, stagingDir, hostPath, false);
  }

  /**
   * The JUnit jar from {@link JunitJar#locate}, if found, the JVM temp dir for staging, the
   * process's PATH, and the network only when {@code APEX_ALLOW_NETWORK} is 1, true or yes.
   */
  public static SandboxConfig defaults(Map<String, String> env) {
    return new SandboxConfig(
        JunitJar.locate(env).orElse(null),
        Path.of(System.getProperty("java.io.tmpdir")),
        env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"),
        allowsNetwork(env.get(ALLOW_NETWORK)));
  }

  /** The same settings with the network on or off. */
  public SandboxConfig withNetwork(boolean on) {
    return new SandboxConfig(junitJar, stagingDir, hostPath, on);
  }

  static boolean allowsNetwork(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "1", "true", "yes", "on" -> true;
      case "0", "false", "no", "off" -> false;
      default ->
          throw new IllegalArgumentException(
              ALLOW_NETWORK + "='" + value + "' is not a switch: use 1 or 0");
    };
  }
}
