package dev.apex.workers.cli;

import java.nio.file.Path;

/** APEX's home directory: {@code APEX_HOME}, set by the launcher, else the working directory. */
final class Home {

  private Home() {}

  static Path path() {
    String home = System.getenv("APEX_HOME");
    return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
  }
}
