package dev.apex.activities.sandbox;

import java.nio.file.Path;
import java.util.Map;

/**
 * One command to run in a sandbox.
 *
 * @param workDir the working copy; the sandbox runs the command in a private copy of it, so this
 *     directory is never written
 * @param command a POSIX shell command line, run with {@code /bin/sh -c} at the copy's root
 * @param env extra environment variables (the sandbox sets PATH, HOME, TMPDIR and the APEX_ ones)
 * @param limits resource limits
 */
public record SandboxRequest(
    Path workDir, String command, Map<String, String> env, SandboxLimits limits) {

  public SandboxRequest {
    if (!workDir.isAbsolute()) {
      throw new IllegalArgumentException("workDir not absolute: " + workDir);
    }
    if (command.isBlank()) {
      throw new IllegalArgumentException("command is blank");
    }
    env = Map.copyOf(env);
  }

  public static SandboxRequest of(Path workDir, String command, SandboxLimits limits) {
    return new SandboxRequest(workDir, command, Map.of(), limits);
  }
}
