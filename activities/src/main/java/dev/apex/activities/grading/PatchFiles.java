package dev.apex.activities.grading;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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

  /** True for a relative path that stays inside the repository. */
  public static boolean isSafe(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.contains("\0")) {
      return false;
    }
    for (String part : path.split("/", -1)) {
      if (part.equals("..")) {
        return false;
      }
    }
    return true;
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
