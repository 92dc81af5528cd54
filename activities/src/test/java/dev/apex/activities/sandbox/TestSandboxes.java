package dev.apex.activities.sandbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;

/** The sandboxes tests use, built once per JVM like a worker would. */
public final class TestSandboxes {

  private static final SandboxConfig CONFIG = SandboxConfig.defaults(System.getenv());
  private static final Optional<BwrapSandbox> BWRAP = BwrapSandbox.probe(CONFIG);

  private TestSandboxes() {}

  public static SandboxConfig config() {
    return CONFIG;
  }

  /** The bubblewrap sandbox; skips the test where bubblewrap cannot run (macOS). */
  public static BwrapSandbox bwrap() {
    assumeTrue(BWRAP.isPresent(), "bubblewrap unavailable");
    return BWRAP.get();
  }

  /** What graders and runners on this machine get. */
  public static Sandbox best() {
    return BWRAP.<Sandbox>map(s -> s).orElseGet(() -> new LocalSandbox(CONFIG));
  }

  public static Path junitJar() {
    Path jar = CONFIG.junitJar();
    assumeTrue(jar != null, "JUnit console jar not found");
    return java.util.Objects.requireNonNull(jar);
  }
}
