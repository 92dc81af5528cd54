package dev.apex.backends.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** This process's resident memory (RSS). */
public final class ProcessMemory {

  private static final Pattern VM_RSS = Pattern.compile("(?m)^VmRSS:\\s+(\\d+) kB");

  private ProcessMemory() {}

  /** Resident bytes from /proc/self/status (Linux) or {@code ps} (macOS); empty if unknown. */
  public static OptionalLong rssBytes() {
    try {
      Path status = Path.of("/proc/self/status");
      if (Files.isReadable(status)) {
        Matcher m = VM_RSS.matcher(Files.readString(status));
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1)) * 1024) : OptionalLong.empty();
      }
      Process ps =
          new ProcessBuilder("ps", "-o", "rss=", "-p", Long.toString(ProcessHandle.current().pid()))
              .redirectErrorStream(true)
              .start();
      String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      ps.waitFor();
      return out.matches("\\d+")
          ? OptionalLong.of(Long.parseLong(out) * 1024)
          : OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalLong.empty();
    }
  }
}
