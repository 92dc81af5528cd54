package dev.apex.activities.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Linux sandbox: bubblewrap with every namespace unshared (so no network unless {@code
 * APEX_ALLOW_NETWORK} shares it), /usr and /etc read-only, the working copy bound read-only and
 * copied onto a size-capped tmpfs, rlimits set by prlimit, and, when this JVM is root, a fresh
 * unprivileged uid per run set by setpriv.
 */
public final class BwrapSandbox implements Sandbox {

  private static final Logger LOG = LoggerFactory.getLogger(BwrapSandbox.class);
  private static final List<String> BIN_DIRS = List.of("/usr/bin", "/bin", "/usr/local/bin");
  private static final List<String> ROOT_LINKS =
      List.of("/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32");
  private static final String SRC = "/apex/src";
  private static final String JAR = "/apex/lib/junit-platform-console-standalone.jar";

  private final Path bwrap;
  private final Path prlimit;
  private final @Nullable Path setpriv;
  private final @Nullable Path jar;
  private final Path stagingDir;
  private final boolean network;

  private BwrapSandbox(
      Path bwrap,
      Path prlimit,
      @Nullable Path setpriv,
      @Nullable Path jar,
      Path stagingDir,
      boolean network) {
    this.bwrap = bwrap;
    this.prlimit = prlimit;
    this.setpriv = setpriv;
    this.jar = jar;
    this.stagingDir = stagingDir;
    this.network = network;
  }

  /** Wall times of the probe's tries: a machine under load can take long to start a sandbox. */
  static final List<Duration> PROBE_TRIES =
      List.of(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(120));

  /** A working bubblewrap sandbox, or empty (with the reason logged) where it cannot run. */
  public static Optional<BwrapSandbox> probe(SandboxConfig config) {
    try {
      return Optional.of(require(config));
    } catch (SandboxUnavailableException e) {
      LOG.info(e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * A working bubblewrap sandbox. A probe run that times out (a loaded machine) is tried again with
   * a longer wall time; any other failure is final.
   *
   * @throws SandboxUnavailableException naming what is missing or how the probe failed
   */
  public static BwrapSandbox require(SandboxConfig config) {
    Path bwrap = bwrapBinary(config);
    Path prlimit =
        binary("prlimit")
            .orElseThrow(
                () -> new SandboxUnavailableException("prlimit not found (package util-linux)"));
    Path setpriv = null;
    if (HostUser.uid() == 0) {
      setpriv =
          binary("setpriv")
              .orElseThrow(
                  () -> new SandboxUnavailableException("setpriv not found (package util-linux)"));
    }
    BwrapSandbox sandbox;
    try {
      sandbox = create(config, bwrap, prlimit, setpriv);
    } catch (IOException | RuntimeException e) {
      throw new SandboxUnavailableException("bubblewrap set-up failed: " + e.getMessage());
    }
    String failure = "";
    for (Duration wall : PROBE_TRIES) {
      SandboxResult probe = sandbox.probeOnce(wall);
      if (probe.termination() == Termination.EXITED && probe.exitCode() == 0) {
        LOG.debug("sandbox: " + sandbox.isolation());
        return sandbox;
      }
      String output = probe.output().strip().replace('\n', ' ');
      failure = "bubblewrap does not run here (" + probe.summary() + ": " + output + ")";
      if (probe.termination() != Termination.TIMED_OUT) {
        break;
      }
      LOG.warn("bubblewrap probe " + probe.summary() + "; trying again");
    }
    throw new SandboxUnavailableException(failure);
  }

  private SandboxResult probeOnce(Duration wall) {
    try {
      Path empty = Files.createTempDirectory(stagingDir, "apex-probe-");
      try {
        Files.setPosixFilePermissions(empty, StagedCopy.DIR);
        return run(SandboxRequest.of(empty, "true", SandboxLimits.DEFAULT.withWallTime(wall)));
      } finally {
        FileTrees.delete(empty);
      }
    } catch (IOException | RuntimeException e) {
      throw new SandboxUnavailableException("bubblewrap probe failed: " + e.getMessage());
    }
  }

  private static Path bwrapBinary(SandboxConfig config) {
    Path configured = config.bwrap();
    if (configured != null) {
      if (!Files.isExecutable(configured)) {
        throw new SandboxUnavailableException(
            "bwrap not found at " + configured + " (" + SandboxConfig.BWRAP + ")");
      }
      return configured;
    }
    return binary("bwrap")
        .orElseThrow(() ->
            new SandboxUnavailableException(
                "bubblewrap is not installed (no bwrap in " + String.join(", ", BIN_DIRS) + ")"));
  }

  private static BwrapSandbox create(
      SandboxConfig config, Path bwrap, Path prlimit, @Nullable Path setpriv) throws IOException {
    if (HostUser.uid() != 0) {
      return new BwrapSandbox(
          bwrap, prlimit, null, config.junitJar(), config.stagingDir(), config.network());
    }
    requireSearchable(config.stagingDir());
    Path dir = Files.createTempDirectory(config.stagingDir(), "apex-sandbox-");
    Files.setPosixFilePermissions(dir, StagedCopy.DIR);
    Path stagedJar = null;
    if (config.junitJar() != null) {
      Path lib = Files.createDirectory(dir.resolve("lib"));
      Files.setPosixFilePermissions(lib, StagedCopy.DIR);
      stagedJar = lib.resolve("junit-platform-console-standalone.jar");
      Files.copy(config.junitJar(), stagedJar);
      Files.setPosixFilePermissions(stagedJar, StagedCopy.FILE);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.delete(dir)));
    return new BwrapSandbox(bwrap, prlimit, setpriv, stagedJar, dir, config.network());
  }

  @Override
  public SandboxResult run(SandboxRequest request) {
    SandboxLimits limits = request.limits();
    long wallSeconds = (limits.wallTime().toMillis() + 999) / 1000;
    if (setpriv == null) {
      return launch(request, request.workDir(), limits, wallSeconds);
    }
    try (StagedCopy staged = StagedCopy.of(request.workDir(), stagingDir)) {
      return launch(request, staged.root(), limits, wallSeconds);
    }
  }

  private SandboxResult launch(
      SandboxRequest request, Path source, SandboxLimits limits, long wallSeconds) {
    List<String> argv = new ArrayList<>();
    argv.add(prlimit.toString());
    int nproc = limits.maxProcesses();
    if (setpriv == null) {
      nproc += HostUser.tasksOf(HostUser.uid());
    }
    long cpu = limits.cpuTime().toSeconds();
    argv.addAll(
        List.of(
            "--nproc=" + nproc + ":" + nproc,
            "--as=" + limits.memoryBytes() + ":" + limits.memoryBytes(),
            "--cpu=" + cpu + ":" + (cpu + 5),
            "--fsize=" + limits.maxFileBytes() + ":" + limits.maxFileBytes(),
            "--core=0:0",
            "--"));
    if (setpriv != null) {
      int uid = HostUser.randomUid();
      argv.addAll(
          List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--"));
    }
    argv.add(bwrap.toString());
    argv.addAll(
        List.of("--unshare-all", "--die-with-parent", "--new-session", "--hostname", "sandbox"));
    if (network) {
      argv.add("--share-net");
    }
    argv.addAll(List.of("--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"));
    for (String dir : ROOT_LINKS) {
      addRootEntry(argv, Path.of(dir));
    }
    argv.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
    argv.addAll(List.of("--size", Long.toString(limits.diskBytes()), "--tmpfs", "/tmp"));
    argv.addAll(List.of("--ro-bind", source.toString(), SRC));
    for (Path tool : request.toolPaths()) {
      if (!tool.startsWith("/usr")) {
        argv.addAll(List.of("--ro-bind", tool.toString(), tool.toString()));
      }
    }
    if (jar != null) {
      argv.addAll(List.of("--ro-bind", jar.toString(), JAR));
    }
    argv.addAll(List.of("--remount-ro", "/", "--chdir", "/tmp", "--"));
    argv.addAll(Wrapper.argv(request.command(), wallSeconds));
    return ProcessRun.run(argv, environment(request), null, limits, request.guard());
  }

  private Map<String, String> environment(SandboxRequest request) {
    Map<String, String> env = new HashMap<>(request.env());
    env.put("PATH", request.pathWith("/usr/local/bin:/usr/bin:/bin"));
    env.put("HOME", "/tmp/home");
    env.put("TMPDIR", "/tmp");
    env.put("LANG", "C.UTF-8");
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    env.put("MALLOC_ARENA_MAX", "2");
    env.put("APEX_SRC", SRC);
    env.put("APEX_WORK", "/tmp/repo");
    env.put("APEX_REPORT_DIR", "/tmp/reports");
    if (jar != null) {
      env.put(JunitJar.ENV, JAR);
    }
    return env;
  }

  private static void addRootEntry(List<String> argv, Path dir) {
    if (Files.isSymbolicLink(dir)) {
      try {
        argv.addAll(List.of("--symlink", Files.readSymbolicLink(dir).toString(), dir.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      argv.addAll(List.of("--ro-bind", dir.toString(), dir.toString()));
    }
  }

  private static Optional<Path> binary(String name) {
    return BIN_DIRS.stream().map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
  }

  /** The unprivileged uid must reach staged copies: every ancestor needs o+x. */
  private static void requireSearchable(Path dir) throws IOException {
    for (Path p = dir.toRealPath(); p != null; p = p.getParent()) {
      if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new IOException(
            "staging dir " + dir + " is not reachable by other users (" + p + " lacks o+x)");
      }
    }
  }

  @Override
  public String kind() {
    return BUBBLEWRAP;
  }

  @Override
  public String isolation() {
    return "bubblewrap: "
        + (network ? "the host's network (APEX_ALLOW_NETWORK)" : "no network")
        + ", read-only /usr and /etc, writes only to a private copy on a"
        + " size-capped tmpfs, "
        + (setpriv != null ? "a fresh unprivileged uid per run" : "this user's uid")
        + "; rlimits on processes, memory, CPU time and file size; wall time and output capped";
  }
}
