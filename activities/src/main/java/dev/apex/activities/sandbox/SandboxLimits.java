package dev.apex.activities.sandbox;

import java.time.Duration;

/**
 * Resource limits for one sandboxed command.
 *
 * @param wallTime the command is interrupted, then killed with everything it started, after this
 * @param cpuTime CPU time per process (RLIMIT_CPU)
 * @param memoryBytes address space per process (RLIMIT_AS); JVMs size their heap to fit
 * @param maxProcesses processes and threads alive at once (RLIMIT_NPROC)
 * @param maxFileBytes largest file a process may write (RLIMIT_FSIZE)
 * @param diskBytes size of the writable tmpfs that holds the working copy and temporary files
 * @param outputCapBytes stdout and stderr together; the command is killed when it prints more
 * @param outputKeepBytes bytes kept from the start and, again, from the end of the output
 */
public record SandboxLimits(
    Duration wallTime,
    Duration cpuTime,
    long memoryBytes,
    int maxProcesses,
    long maxFileBytes,
    long diskBytes,
    long outputCapBytes,
    int outputKeepBytes) {

  private static final long MIB = 1L << 20;

  /** Limits for a test run or a reproduction script: minutes, not hours. */
  public static final SandboxLimits DEFAULT =
      new SandboxLimits(
          Duration.ofMinutes(5),
          Duration.ofMinutes(5),
          4096 * MIB,
          256,
          64 * MIB,
          256 * MIB,
          64 * MIB,
          (int) (2 * MIB));

  public SandboxLimits {
    if (wallTime.isNegative() || wallTime.isZero()) {
      throw new IllegalArgumentException("wallTime <= 0");
    }
    if (cpuTime.toSeconds() < 1) {
      throw new IllegalArgumentException("cpuTime < 1s");
    }
    if (memoryBytes < 64 * MIB) {
      throw new IllegalArgumentException("memoryBytes < 64 MiB");
    }
    if (maxProcesses < 8) {
      throw new IllegalArgumentException("maxProcesses < 8");
    }
    if (maxFileBytes < 1 || diskBytes < MIB) {
      throw new IllegalArgumentException("maxFileBytes < 1 or diskBytes < 1 MiB");
    }
    if (outputKeepBytes < 1 || outputCapBytes < outputKeepBytes) {
      throw new IllegalArgumentException("outputKeepBytes < 1 or outputCapBytes < outputKeepBytes");
    }
  }

  public SandboxLimits withWallTime(Duration wall) {
    return new SandboxLimits(
        wall,
        cpuTime,
        memoryBytes,
        maxProcesses,
        maxFileBytes,
        diskBytes,
        outputCapBytes,
        outputKeepBytes);
  }

  public SandboxLimits withCpuTime(Duration cpu) {
    return new SandboxLimits(
        wallTime,
        cpu,
        memoryBytes,
        maxProcesses,
        maxFileBytes,
        diskBytes,
        outputCapBytes,
        outputKeepBytes);
  }

  public SandboxLimits withMaxProcesses(int max) {
    return new SandboxLimits(
        wallTime,
        cpuTime,
        memoryBytes,
        max,
        maxFileBytes,
        diskBytes,
        outputCapBytes,
        outputKeepBytes);
  }

  public SandboxLimits withDisk(long disk, long maxFile) {
    return new SandboxLimits(
        wallTime,
        cpuTime,
        memoryBytes,
        maxProcesses,
        maxFile,
        disk,
        outputCapBytes,
        outputKeepBytes);
  }

  public SandboxLimits withOutput(long cap, int keep) {
    return new SandboxLimits(
        wallTime, cpuTime, memoryBytes, maxProcesses, maxFileBytes, diskBytes, cap, keep);
  }
}
