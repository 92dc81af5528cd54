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
 */
public record SandboxConfig(@Nullable Path junitJar, Path stagingDir, String hostPath) {

  public SandboxConfig {
    if (junitJar != null && !Files.isRegularFile(junitJar)) {
      throw new IllegalArgumentException("junitJar not a file: " + junitJar);
    }
    if (!stagingDir.isAbsolute()) {
      throw new IllegalArgumentException("stagingDir not absolute: " + stagingDir);
    }
  }

  /**
   * The JUnit jar from {@link JunitJar#locate}, if found, the JVM temp dir for staging and the
   * process's PATH.
   */
  public static SandboxConfig defaults(Map<String, String> env) {
    return new SandboxConfig(
        JunitJar.locate(env).orElse(null),
        Path.of(System.getProperty("java.io.tmpdir")),
        env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
  }
}
