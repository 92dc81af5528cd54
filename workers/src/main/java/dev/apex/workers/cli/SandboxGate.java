package dev.apex.workers.cli;

import dev.apex.activities.sandbox.Sandbox;
import dev.apex.activities.sandbox.SandboxConfig;
import dev.apex.activities.sandbox.SandboxUnavailableException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decides, before a command starts workers, whether this machine may run model-written code: on
 * Linux only in bubblewrap unless {@code --allow-unsandboxed} or {@code APEX_ALLOW_UNSANDBOXED=1}
 * says otherwise.
 *
 * @param refusal the one line to print before exiting 2, or null when the command may go on
 * @param warning what is not isolated, to print first, or null when the sandbox is bubblewrap
 * @param workerEnv what the workers this command starts must add to their environment
 */
record SandboxGate(
    @Nullable String refusal, @Nullable String warning, Map<String, String> workerEnv) {

  /** Exit status of a command refused for want of a sandbox. */
  static final int EXIT_NO_SANDBOX = 2;

  SandboxGate {
    workerEnv = Map.copyOf(workerEnv);
  }

  /** Probes the sandbox as the workers will, with the flag's opt-in added to {@code env}. */
  static SandboxGate check(Map<String, String> env, boolean allowUnsandboxed) {
    Map<String, String> effective = new HashMap<>(env);
    Map<String, String> workerEnv = new HashMap<>();
    if (allowUnsandboxed) {
      effective.put(SandboxConfig.ALLOW_UNSANDBOXED, "1");
      workerEnv.put(SandboxConfig.ALLOW_UNSANDBOXED, "1");
    }
    SandboxConfig config;
    try {
      config = SandboxConfig.defaults(effective);
    } catch (IllegalArgumentException e) {
      return new SandboxGate(String.valueOf(e.getMessage()), null, workerEnv);
    }
    try {
      Sandbox sandbox = Sandbox.forThisMachine(config);
      if (sandbox.kind().equals(Sandbox.NONE)) {
        return new SandboxGate(
            null,
            "WARNING: running model-written code WITHOUT a sandbox"
                + (config.allowUnsandboxed()
                    ? " (" + SandboxConfig.ALLOW_UNSANDBOXED_FLAG + ")"
                    : "")
                + ": "
                + sandbox.isolation(),
            workerEnv);
      }
      return new SandboxGate(null, null, workerEnv);
    } catch (SandboxUnavailableException e) {
      return new SandboxGate(e.getMessage(), null, workerEnv);
    }
  }
}
