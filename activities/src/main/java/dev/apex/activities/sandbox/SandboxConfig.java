package dev.apex.activities.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
 * @param bwrap the bubblewrap binary ({@code APEX_BWRAP}), or null to look in the system's bin
 *     directories
 * @param allowUnsandboxed whether code may run without isolation where bubblewrap cannot run
 *     ({@code APEX_ALLOW_UNSANDBOXED}); off by default, so a Linux machine without it fails closed
 * @param toolEnvDir where the tool environments APEX provides (see {@link PythonToolEnv}) are made
 *     ({@code APEX_TOOLENV_DIR})
 */
public record SandboxConfig(
    @Nullable Path junitJar,
    Path stagingDir,
    String hostPath,
    boolean network,
    @Nullable Path bwrap,
    boolean allowUnsandboxed,
    Path toolEnvDir) {

  /** The switch that lets sandboxed commands reach the network; off unless set. */
  public static final String ALLOW_NETWORK = "APEX_ALLOW_NETWORK";

  /** The switch that lets code run unisolated where bubblewrap cannot run. */
  public static final String ALLOW_UNSANDBOXED = "APEX_ALLOW_UNSANDBOXED";

  /** The CLI flag that sets {@link #ALLOW_UNSANDBOXED} for the workers it starts. */
  public static final String ALLOW_UNSANDBOXED_FLAG = "--allow-unsandboxed";

  /** Where the bubblewrap binary is, when not in /usr/bin, /bin or /usr/local/bin. */
  public static final String BWRAP = "APEX_BWRAP";

  /** Where tool environments are made. */
  public static final String TOOLENV_DIR = "APEX_TOOLENV_DIR";

  public SandboxConfig {
    if (junitJar != null && !Files.isRegularFile(junitJar)) {
      throw new IllegalArgumentException("junitJar not a file: " + junitJar);
    }
    if (!stagingDir.isAbsolute()) {
      throw new IllegalArgumentException("stagingDir not absolute: " + stagingDir);
    }
    if (!toolEnvDir.isAbsolute()) {
      throw new IllegalArgumentException("toolEnvDir not absolute: " + toolEnvDir);
    }
  }

  /** Offline, fail-closed, tool environments in the default place. */
  public SandboxConfig(@Nullable Path junitJar, Path stagingDir, String hostPath) {
    this(junitJar, stagingDir, hostPath, false, null, false, defaultToolEnvDir(Map.of()));
  }

  /**
   * The JUnit jar from {@link JunitJar#locate}, if found, the JVM temp dir for staging, the
   * process's PATH, the network only when {@code APEX_ALLOW_NETWORK} is 1, true or yes, and no
   * unisolated fallback unless {@code APEX_ALLOW_UNSANDBOXED} says so.
   */
  public static SandboxConfig defaults(Map<String, String> env) {
    String bwrap = env.get(BWRAP);
    return new SandboxConfig(
        JunitJar.locate(env).orElse(null),
        Path.of(System.getProperty("java.io.tmpdir")),
        env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"),
        isOn(ALLOW_NETWORK, env.get(ALLOW_NETWORK)),
        bwrap == null || bwrap.isBlank() ? null : Path.of(bwrap).toAbsolutePath(),
        isOn(ALLOW_UNSANDBOXED, env.get(ALLOW_UNSANDBOXED)),
        defaultToolEnvDir(env));
  }

  /** The same settings with the network on or off. */
  public SandboxConfig withNetwork(boolean on) {
    return new SandboxConfig(
        junitJar, stagingDir, hostPath, on, bwrap, allowUnsandboxed, toolEnvDir);
  }

  /** The same settings with another bubblewrap binary. */
  public SandboxConfig withBwrap(@Nullable Path binary) {
    return new SandboxConfig(
        junitJar, stagingDir, hostPath, network, binary, allowUnsandboxed, toolEnvDir);
  }

  /** The same settings with the unisolated fallback allowed or not. */
  public SandboxConfig withUnsandboxedAllowed(boolean allowed) {
    return new SandboxConfig(junitJar, stagingDir, hostPath, network, bwrap, allowed, toolEnvDir);
  }

  /** The same settings with tool environments made under {@code dir}. */
  public SandboxConfig withToolEnvDir(Path dir) {
    return new SandboxConfig(junitJar, stagingDir, hostPath, network, bwrap, allowUnsandboxed, dir);
  }

  /**
   * {@code APEX_TOOLENV_DIR}, else {@code /var/cache/apex/toolenv} for root (whose home other users
   * cannot enter, and the sandbox runs as another user), else {@code ~/.cache/apex/toolenv}.
   */
  public static Path defaultToolEnvDir(Map<String, String> env) {
    String configured = env.get(TOOLENV_DIR);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    if (HostUser.uid() == 0) {
      return Path.of("/var/cache/apex/toolenv");
    }
    String xdg = env.get("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return cache.toAbsolutePath().resolve("apex").resolve("toolenv");
  }

  /** Whether the switch {@code name} is on: 1, true, yes or on; unset is off. */
  static boolean isOn(String name, @Nullable String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "on" -> true;
      case "0", "false", "no", "off" -> false;
      default ->
          throw new IllegalArgumentException(name + "='" + value + "' is not a switch: use 1 or 0");
    };
  }
}
