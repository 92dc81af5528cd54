package dev.apex.activities.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback where bubblewrap is unavailable (macOS, containers without user namespaces): the
 * command runs as this user in a temporary copy, with wall time, output, CPU time and file size
 * limited and nothing else isolated.
 */
public final class LocalSandbox implements Sandbox {

  private static final Logger LOG = LoggerFactory.getLogger(LocalSandbox.class);

  private final @Nullable Path jar;
  private final Path stagingDir;
  private final String hostPath;

  public LocalSandbox(SandboxConfig config) {
    this.jar = config.junitJar();
    this.stagingDir = config.stagingDir();
    this.hostPath = config.hostPath();
  }

  static LocalSandbox withWarning(SandboxConfig config) {
    LocalSandbox sandbox = new LocalSandbox(config);
    LOG.warn(sandbox.isolation());
    return sandbox;
  }

  @Override
  public SandboxResult run(SandboxRequest request) {
    SandboxLimits limits = request.limits();
    if (stagingDir.toAbsolutePath().normalize().startsWith(request.workDir().normalize())) {
      throw new IllegalArgumentException("staging dir inside the working copy: " + stagingDir);
    }
    Path dir;
    try {
      dir = Files.createTempDirectory(stagingDir, "apex-local-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Map<String, String> env = new HashMap<>(request.env());
      env.put("PATH", request.pathWith(hostPath));
      env.put("HOME", dir.resolve("home").toString());
      env.put("TMPDIR", dir.resolve("tmp").toString());
      env.put("LANG", "C.UTF-8");
      env.put("PYTHONDONTWRITEBYTECODE", "1");
      env.put("APEX_SRC", request.workDir().toString());
      env.put("APEX_WORK", dir.resolve("repo").toString());
      env.put("APEX_REPORT_DIR", dir.resolve("reports").toString());
      env.put("APEX_ULIMITS", ulimits(limits));
      if (jar != null) {
        env.put(JunitJar.ENV, jar.toString());
      }
      Files.createDirectories(dir.resolve("tmp"));
      long wallSeconds = (limits.wallTime().toMillis() + 999) / 1000;
      return ProcessRun.run(
          Wrapper.argv(request.command(), wallSeconds), env, dir, limits, request.guard());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      FileTrees.delete(dir);
    }
  }

  private static String ulimits(SandboxLimits limits) {
    return "ulimit -c 0 2>/dev/null; ulimit -t "
        + limits.cpuTime().toSeconds()
        + " 2>/dev/null; ulimit -f "
        + Math.max(1, limits.maxFileBytes() / 512)
        + " 2>/dev/null; ulimit -v "
        + limits.memoryBytes() / 1024
        + " 2>/dev/null";
  }

  @Override
  public String kind() {
    return NONE;
  }

  @Override
  public String isolation() {
    return "NOT ISOLATED (no bubblewrap): sandboxed commands run as this user, with its network,"
        + " its processes and every file it can read or write; they start in a temporary copy of"
        + " the working directory, and only wall time, output size, CPU time and file size are"
        + " limited (memory where the OS honours ulimit -v). Processes that detach from the"
        + " command's process group can outlive it.";
  }
}
