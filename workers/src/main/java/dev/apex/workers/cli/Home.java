package dev.apex.workers.cli;

import dev.apex.workers.WorkerConfig;
import java.nio.file.Path;

/** APEX's home directory for this process; see {@link WorkerConfig#home}. */
final class Home {

  private Home() {}

  static Path path() {
    return WorkerConfig.home(System.getenv());
  }
}
