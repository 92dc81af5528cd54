package dev.apex.activities.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One command to run in a sandbox.
 *
 * @param workDir the working copy; the sandbox runs the command in a private copy of it, so this
 *     directory is never written
 * @param command a POSIX shell command line, run with {@code /bin/sh -c} at the copy's root
 * @param env extra environment variables (the sandbox sets PATH, HOME, TMPDIR and the APEX_ ones)
 * @param limits resource limits
 * @param toolPaths absolute host paths the command needs (an interpreter, a virtualenv, a JDK):
 *     exposed read-only at the same path, each one's {@code bin/} (or the directory holding a file)
 *     first on PATH, in order
 * @param guard the attempt this run belongs to (see {@link RunGuard}), or null
 */
public record SandboxRequest(
    Path workDir,
    String command,
    Map<String, String> env,
    SandboxLimits limits,
    List<Path> toolPaths,
    @Nullable RunGuard guard) {

  public SandboxRequest {
    if (!workDir.isAbsolute()) {
      throw new IllegalArgumentException("workDir not absolute: " + workDir);
    }
    if (command.isBlank()) {
      throw new IllegalArgumentException("command is blank");
    }
    env = Map.copyOf(env);
    toolPaths = List.copyOf(toolPaths);
    for (Path path : toolPaths) {
      if (!path.isAbsolute() || !path.normalize().equals(path)) {
        throw new IllegalArgumentException("tool path not absolute and normal: " + path);
      }
    }
  }

  public SandboxRequest(
      Path workDir, String command, Map<String, String> env, SandboxLimits limits) {
    this(workDir, command, env, limits, List.of(), null);
  }

  public static SandboxRequest of(Path workDir, String command, SandboxLimits limits) {
    return new SandboxRequest(workDir, command, Map.of(), limits);
  }

  /** The PATH entries {@link #toolPaths} put first: each one's bin/, or the directory itself. */
  List<String> toolBinDirs() {
    return toolPaths.stream()
        .map(path -> {
          if (java.nio.file.Files.isDirectory(path.resolve("bin"))) {
            return path.resolve("bin").toString();
          }
          if (java.nio.file.Files.isDirectory(path)) {
            return path.toString();
          }
          Path parent = path.getParent();
          return parent == null ? "/" : parent.toString();
        })
        .distinct()
        .toList();
  }

  /** {@code tail} with the tool directories in front. */
  String pathWith(String tail) {
    List<String> dirs = toolBinDirs();
    return dirs.isEmpty() ? tail : String.join(":", dirs) + ":" + tail;
  }
}
