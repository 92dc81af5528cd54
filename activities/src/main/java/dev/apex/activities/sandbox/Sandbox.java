package dev.apex.activities.sandbox;

import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Runs a command on a private copy of a working directory, isolated and bounded by {@link
 * SandboxLimits}. The same sandbox serves the Runner role and the grader. Implementations are
 * thread-safe.
 *
 * <p>Inside, the copy is the current directory, {@code $APEX_REPORT_DIR} collects report files
 * (returned in {@link SandboxResult#reports()}) and {@code $APEX_JUNIT_JAR} is the JUnit console
 * launcher when one is configured. Changes the command makes to its copy are discarded.
 */
public interface Sandbox {

  /** What {@link #kind()} says of bubblewrap. */
  String BUBBLEWRAP = "bubblewrap";

  /** What {@link #kind()} says of a sandbox that isolates nothing. */
  String NONE = "none";

  SandboxResult run(SandboxRequest request);

  /** What this sandbox isolates and what it does not, in a sentence or two. */
  String isolation();

  /** {@value #BUBBLEWRAP} or {@value #NONE}, as report.json records it. */
  String kind();

  /**
   * The sandbox this machine offers. On Linux that is bubblewrap, and nothing else unless {@code
   * config} allows running unisolated: then a missing or failing bubblewrap gives the unisolated
   * fallback with a warning. Elsewhere (macOS) the unisolated fallback, with what it does not
   * isolate logged.
   *
   * @throws SandboxUnavailableException on Linux when bubblewrap cannot run and unisolated runs are
   *     not allowed
   */
  static Sandbox forThisMachine(SandboxConfig config) {
    if (!isLinux()) {
      return LocalSandbox.withWarning(config);
    }
    try {
      return BwrapSandbox.require(config);
    } catch (SandboxUnavailableException e) {
      if (!config.allowUnsandboxed()) {
        throw e;
      }
      LoggerFactory.getLogger(Sandbox.class)
          .warn(SandboxConfig.ALLOW_UNSANDBOXED + " is set, so running unisolated: " + e.what());
      return LocalSandbox.withWarning(config);
    }
  }

  private static boolean isLinux() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
  }
}
