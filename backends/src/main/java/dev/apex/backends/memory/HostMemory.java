package dev.apex.backends.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the host's available RAM (Linux {@code /proc/meminfo}, macOS {@code vm_stat}). */
public final class HostMemory {

  private static final Pattern MEM_AVAILABLE = Pattern.compile("(?m)^MemAvailable:\\s+(\\d+) kB");
  private static final Pattern PAGE_SIZE = Pattern.compile("page size of (\\d+) bytes");
  private static final Pattern VM_STAT_LINE = Pattern.compile("(?m)^(Pages [a-z ]+):\\s+(\\d+)\\.");

  private HostMemory() {}

  /** A RAM budget of what this host has available now. */
  public static MemoryBudget ramBudget() {
    return new MemoryBudget(MemoryBudget.Pool.RAM, availableBytes());
  }

  /** RAM that can be used without swapping; throws where the platform is not supported. */
  public static long availableBytes() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    try {
      if (os.contains("linux")) {
        return parseMeminfo(Files.readString(Path.of("/proc/meminfo")));
      }
      if (os.contains("mac")) {
        return parseVmStat(run("vm_stat"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read available memory", e);
    }
    throw new UnsupportedOperationException("available memory is not known on " + os);
  }

  static long parseMeminfo(String meminfo) {
    Matcher m = MEM_AVAILABLE.matcher(meminfo);
    if (!m.find()) {
      throw new IllegalArgumentException("no MemAvailable in /proc/meminfo");
    }
    return Long.parseLong(m.group(1)) * 1024;
  }

  /** Free, inactive, speculative and purgeable pages: what macOS hands out without swapping. */
  static long parseVmStat(String vmStat) {
    Matcher size = PAGE_SIZE.matcher(vmStat);
    long pageSize = size.find() ? Long.parseLong(size.group(1)) : 16384;
    long pages = 0;
    Matcher m = VM_STAT_LINE.matcher(vmStat);
    while (m.find()) {
      switch (m.group(1)) {
        case "Pages free", "Pages inactive", "Pages speculative", "Pages purgeable" ->
            pages += Long.parseLong(m.group(2));
        default -> {}
      }
    }
    return pages * pageSize;
  }

  /**
   * Whether another process maps {@code file} now (Linux only; elsewhere empty), in which case its
   * pages are already resident and shared with this process.
   */
  public static OptionalLong otherProcessMapping(Path file) {
    Path procRoot = Path.of("/proc");
    if (!Files.isDirectory(procRoot.resolve("self"))) {
      return OptionalLong.empty();
    }
    String target;
    try {
      target = file.toRealPath().toString();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
    long self = ProcessHandle.current().pid();
    try (Stream<Path> processes = Files.list(procRoot)) {
      return processes
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> Long.parseLong(p.getFileName().toString()) != self)
          .filter(p -> maps(p.resolve("maps"), target))
          .mapToLong(p -> Long.parseLong(p.getFileName().toString()))
          .findFirst();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  private static boolean maps(Path maps, String target) {
    try (Stream<String> lines = Files.lines(maps, StandardCharsets.UTF_8)) {
      return lines.anyMatch(line -> line.endsWith(" " + target));
    } catch (IOException | UncheckedIOException e) {
      // The process exited, or belongs to another user.
      return false;
    }
  }

  private static String run(String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + command[0], e);
    }
  }
}
