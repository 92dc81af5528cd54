package dev.apex.activities.sandbox;

/**
 * Bubblewrap cannot run on this Linux machine and running unisolated was not allowed; the message
 * is one line that says what is missing and how to fix it.
 */
public final class SandboxUnavailableException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String what;

  SandboxUnavailableException(String cause) {
    super(
        "no sandbox: "
            + cause
            + "; install it (Debian/Ubuntu: apt-get install bubblewrap) or run without isolation"
            + " with "
            + SandboxConfig.ALLOW_UNSANDBOXED_FLAG
            + " ("
            + SandboxConfig.ALLOW_UNSANDBOXED
            + "=1 for workers)");
    this.what = cause;
  }

  /** What is missing or failing, without the advice. */
  public String what() {
    return what;
  }
}
