package dev.apex.activities.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Machine-level sandbox settings.
 *
 * @param junitJar the junit-platform-console-standalone jar offered as {@code $APEX_JUNIT_JAR}, or
 *     null when Java tasks are not run
 * @param stagingDir where readable copies for the sandbox are made; every ancestor must be
 *     searchable by other users (not under /root)
 */
public record SandboxConfig(@Nullable Path junitJar, Path stagingDir) {

  public SandboxConfig {
    if (junitJar != null && !Files.isRegularFile(junitJar)) {
      throw new IllegalArgumentException("junitJar not a file: " + junitJar);
    }
    if (!stagingDir.isAbsolute()) {
      throw new IllegalArgumentException("stagingDir not absolute: " + stagingDir);
    }
  }

  /** The JVM temp dir for staging and the JUnit jar from {@link JunitJar#locate}, if found. */
  public static SandboxConfig defaults(java.util.Map<String, String> env) {
    return new SandboxConfig(
        JunitJar.locate(env).orElse(null), Path.of(System.getProperty("java.io.tmpdir")));
  }
}
