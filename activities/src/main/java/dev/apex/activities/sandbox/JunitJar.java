package dev.apex.activities.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Finds the JUnit console launcher jar that Java tasks run with inside the sandbox. */
public final class JunitJar {

  /** Environment variable naming the jar; also what the sandbox sets inside. */
  public static final String ENV = "APEX_JUNIT_JAR";

  private JunitJar() {}

  /** The version this build resolves into the local Maven repository. */
  public static String version() {
    try (InputStream in = JunitJar.class.getResourceAsStream("junit-console.properties")) {
      if (in == null) {
        throw new IllegalStateException("junit-console.properties missing from the classpath");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code $APEX_JUNIT_JAR} when set, else the system property {@code apex.junit.jar}, else the jar
   * in the local Maven repository ({@code ~/.m2}) that the build downloaded.
   */
  public static Optional<Path> locate(Map<String, String> env) {
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(Path.of(fromEnv)).filter(Files::isRegularFile);
    }
    String fromProperty = System.getProperty("apex.junit.jar");
    if (fromProperty != null && Files.isRegularFile(Path.of(fromProperty))) {
      return Optional.of(Path.of(fromProperty));
    }
    String version = version();
    Path jar =
        Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "junit", "platform")
            .resolve("junit-platform-console-standalone")
            .resolve(version)
            .resolve("junit-platform-console-standalone-" + version + ".jar");
    return Optional.of(jar).filter(Files::isRegularFile);
  }
}
