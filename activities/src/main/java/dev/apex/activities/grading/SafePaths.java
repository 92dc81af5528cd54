package dev.apex.activities.grading;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The rule for a path that comes from untrusted content (a patch header, a Coder edit, a symbolic
 * link's target): relative, inside the working copy, and clear of anything named {@code .git}.
 */
public final class SafePaths {

  private SafePaths() {}

  /**
   * Why {@code path} (relative, '/'-separated) may not be written by untrusted content, as a phrase
   * ("touches .git/config"), or null when it may.
   */
  public static @Nullable String problem(String path) {
    if (path.isEmpty() || path.contains("\0")) {
      return "has an empty or invalid path";
    }
    if (path.startsWith("/") || path.startsWith("\\") || path.indexOf(':') == 1) {
      return "has an absolute path: " + path;
    }
    for (String part : path.split("[/\\\\]", -1)) {
      if (part.equals("..")) {
        return "climbs out of the working copy: " + path;
      }
      if (isGitName(part)) {
        return "touches " + path;
      }
    }
    return null;
  }

  /**
   * True for {@code .git} in any case, and for the spellings that case-insensitive or
   * Unicode-normalising file systems (macOS, Windows) read as {@code .git}: trailing dots and
   * spaces, ignorable code points, the short name {@code git~1}.
   */
  static boolean isGitName(String name) {
    StringBuilder kept = new StringBuilder();
    name.codePoints().filter(c -> !isIgnorable(c)).forEach(kept::appendCodePoint);
    String n = kept.toString().toLowerCase(Locale.ROOT);
    while (n.endsWith(".") || n.endsWith(" ")) {
      n = n.substring(0, n.length() - 1);
    }
    return n.equals(".git") || n.equals("git~1");
  }

  /** Code points HFS+ ignores in names, as git's own {@code is_hfs_dotgit} lists them. */
  private static boolean isIgnorable(int c) {
    return (c >= 0x200c && c <= 0x200f)
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x206a && c <= 0x206f)
        || c == 0xfeff;
  }

  /**
   * Where a symbolic link at {@code linkPath} with {@code target} points, relative to the root, or
   * null when it points out of the working copy (absolute, or climbing above the root).
   */
  public static @Nullable String resolveLink(String linkPath, String target) {
    if (target.isEmpty() || target.startsWith("/") || target.contains("\0")) {
      return null;
    }
    Deque<String> parts = new ArrayDeque<>();
    String[] link = linkPath.split("/", -1);
    for (int i = 0; i < link.length - 1; i++) {
      parts.addLast(link[i]);
    }
    for (String part : target.split("/", -1)) {
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          return null;
        }
        parts.removeLast();
      } else if (!part.isEmpty() && !part.equals(".")) {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }
}
