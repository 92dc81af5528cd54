package dev.apex.activities.sandbox;

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

  SandboxResult run(SandboxRequest request);

  /** What this sandbox isolates and what it does not, in a sentence or two. */
  String isolation();

  /**
   * The best sandbox this machine offers: bubblewrap where it works, otherwise an unisolated
   * fallback that logs, once, what is not isolated.
   */
  static Sandbox forThisMachine(SandboxConfig config) {
    return BwrapSandbox.probe(config)
        .<Sandbox>map(sandbox -> sandbox)
        .orElseGet(() -> LocalSandbox.withWarning(config));
  }
}
