package dev.apex.activities.grading;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The file paths a unified diff touches, read from its headers. */
public final class PatchFiles {

  private static final Pattern HUNK =
      Pattern.compile("@@ -\\d+(?:,(\\d+))? \\+\\d+(?:,(\\d+))? @@");

  private PatchFiles() {}

  /** Paths relative to the repository root (a/ and b/ stripped), old and new names both. */
  public static Set<String> touched(String patch) {
    Set<String> paths = new LinkedHashSet<>();
    List<String> lines = patch.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher hunk = HUNK.matcher(line);
      if (hunk.lookingAt()) {
        i = skipHunk(lines, i, count(hunk.group(1)), count(hunk.group(2)));
      } else if (line.startsWith("--- ")
          && i + 1 < lines.size()
          && lines.get(i + 1).startsWith("+++ ")) {
        addHeaderPath(paths, line.substring(4));
        addHeaderPath(paths, lines.get(i + 1).substring(4));
        i++;
      } else if (line.startsWith("rename from ") || line.startsWith("copy from ")) {
        paths.add(unquote(line.substring(line.indexOf(" from ") + 6)));
      } else if (line.startsWith("rename to ") || line.startsWith("copy to ")) {
        paths.add(unquote(line.substring(line.indexOf(" to ") + 4)));
      } else if (line.startsWith("diff --git ")) {
        String rest = line.substring("diff --git ".length());
        int half = rest.length() / 2;
        // "a/X b/X": unambiguous when both names are the same, as in mode-only or binary diffs.
        if (rest.length() % 2 == 1 && rest.charAt(half) == ' ') {
          String a = rest.substring(0, half);
          String b = rest.substring(half + 1);
          if (a.startsWith("a/") && b.startsWith("b/") && a.substring(2).equals(b.substring(2))) {
            paths.add(a.substring(2));
          }
        }
      }
    }
    return paths;
  }

  /** Index of the hunk's last line, so that hunk bodies are never read as headers. */
  private static int skipHunk(List<String> lines, int header, int oldLines, int newLines) {
    int i = header;
    while ((oldLines > 0 || newLines > 0) && i + 1 < lines.size()) {
      String line = lines.get(++i);
      char kind = line.isEmpty() ? ' ' : line.charAt(0);
      if (kind == '-') {
        oldLines--;
      } else if (kind == '+') {
        newLines--;
      } else if (kind != '\\') {
        oldLines--;
        newLines--;
      }
    }
    return i;
  }

  private static int count(@Nullable String group) {
    return group == null ? 1 : Integer.parseInt(group);
  }

  /** True for a relative path that stays inside the repository and clear of {@code .git}. */
  public static boolean isSafe(String path) {
    return SafePaths.problem(path) == null;
  }

  /** A symbolic link a patch creates or changes; {@code target} null when it cannot be read. */
  public record Symlink(String path, @Nullable String target) {}

  /**
   * The symbolic links (mode 120000) the patch leaves behind, with their targets: the added lines
   * of the file's hunk. A target given as a binary patch, or spread over several lines, is null.
   */
  public static List<Symlink> symlinks(String patch) {
    List<Symlink> links = new ArrayList<>();
    List<String> lines = patch.lines().toList();
    FileSection section = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("diff --git ")) {
        addIfLink(links, section);
        section = new FileSection(headerPath(line.substring("diff --git ".length())));
      } else if (section != null) {
        i = readSectionLine(section, lines, i);
      }
    }
    addIfLink(links, section);
    return links;
  }

  /** Reads line {@code i} into the section; returns the last line it consumed. */
  private static int readSectionLine(FileSection section, List<String> lines, int i) {
    String line = lines.get(i);
    Matcher hunk = HUNK.matcher(line);
    if (hunk.lookingAt()) {
      int end = skipHunk(lines, i, count(hunk.group(1)), count(hunk.group(2)));
      for (int j = i + 1; j <= end; j++) {
        if (lines.get(j).startsWith("+")) {
          section.added.add(lines.get(j).substring(1));
        }
      }
      return end;
    }
    List<String> words = List.of(line.strip().split(" ", -1));
    if (line.startsWith("new file mode ") || line.startsWith("new mode ")) {
      section.mode = words.get(words.size() - 1);
    } else if (line.startsWith("index ") && words.size() == 3) {
      section.mode = words.get(2);
    } else if (line.startsWith("+++ ") && !line.startsWith("+++ /dev/null")) {
      Set<String> name = new LinkedHashSet<>();
      addHeaderPath(name, line.substring(4));
      section.path = name.isEmpty() ? section.path : name.iterator().next();
    } else if (line.startsWith("rename to ") || line.startsWith("copy to ")) {
      section.path = unquote(line.substring(line.indexOf(" to ") + 4));
    } else if (line.startsWith("GIT binary patch")) {
      section.binary = true;
    }
    return i;
  }

  private static void addIfLink(List<Symlink> links, @Nullable FileSection section) {
    if (section == null || !"120000".equals(section.mode)) {
      return;
    }
    String target = section.binary || section.added.size() != 1 ? null : section.added.get(0);
    links.add(new Symlink(section.path, target));
  }

  /** One {@code diff --git} section while it is read. */
  private static final class FileSection {
    String path;
    @Nullable String mode;
    boolean binary;
    final List<String> added = new ArrayList<>();

    FileSection(String path) {
      this.path = path;
    }
  }

  /** The new name of a {@code diff --git a/X b/Y} header, best effort ("" when unreadable). */
  private static String headerPath(String rest) {
    if (rest.startsWith("\"")) {
      int close = rest.indexOf("\" ", 1);
      String b = close < 0 ? "" : unquote(rest.substring(close + 2));
      return b.startsWith("b/") ? b.substring(2) : b;
    }
    int cut = rest.lastIndexOf(" b/");
    return cut < 0 ? "" : unquote(rest.substring(cut + 3));
  }

  private static void addHeaderPath(Set<String> paths, String header) {
    String name = header;
    int tab = name.indexOf('\t');
    if (tab >= 0) {
      name = name.substring(0, tab);
    }
    name = unquote(name.stripTrailing());
    if (name.equals("/dev/null")) {
      return;
    }
    if (name.startsWith("a/") || name.startsWith("b/")) {
      name = name.substring(2);
    }
    paths.add(name);
  }

  /** Undoes git's C-style quoting of unusual names ({@code "a/t\303\251st.py"}). */
  static String unquote(String name) {
    if (name.length() < 2 || !name.startsWith("\"") || !name.endsWith("\"")) {
      return name;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String body = name.substring(1, name.length() - 1);
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c != '\\' || i + 1 == body.length()) {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        continue;
      }
      char next = body.charAt(++i);
      if (next >= '0' && next <= '7' && i + 2 < body.length()) {
        bytes.write(Integer.parseInt(body.substring(i, i + 3), 8));
        i += 2;
      } else {
        bytes.write(
            switch (next) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              case 'a' -> 7;
              case 'b' -> '\b';
              case 'f' -> '\f';
              case 'v' -> 11;
              default -> next;
            });
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
