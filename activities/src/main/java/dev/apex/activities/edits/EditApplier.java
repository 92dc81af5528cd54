package dev.apex.activities.edits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.activities.grading.SafePaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Applies the Coder's edits to a workspace, one by one, and reports each. A bad edit (malformed,
 * outside the workspace, under anything named {@code .git}, through a symbolic link, on a protected
 * test or runner configuration file, search text missing or ambiguous) is reported and skipped; the
 * others still apply. Not thread-safe.
 */
public final class EditApplier {

  /** Larger file contents are refused. */
  public static final int MAX_FILE_CHARS = 1 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final Predicate<String> isProtected;

  /**
   * An applier for one workspace.
   *
   * @param root the workspace root
   * @param isProtected paths (relative, with '/') the Coder may not touch
   */
  public EditApplier(Path root, Predicate<String> isProtected) {
    this.root = root.toAbsolutePath().normalize();
    this.isProtected = isProtected;
  }

  /** Parses a request in the {@link EditSchema} format and applies it. */
  public EditReport apply(String json) {
    JsonNode request;
    try {
      request = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return failure("", "not valid JSON: " + e.getOriginalMessage());
    }
    JsonNode edits = request == null ? null : request.get("edits");
    if (edits == null || !edits.isArray() || edits.isEmpty()) {
      return failure("", "expected {\"edits\": [...]} with at least one edit");
    }
    List<EditOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < edits.size(); i++) {
      JsonNode item = edits.get(i);
      Edit edit = parse(item);
      if (edit == null) {
        String path = item.path("path").isTextual() ? item.path("path").textValue() : "";
        outcomes.add(
            new EditOutcome(
                i,
                path,
                false,
                "an edit needs \"path\" and either \"search\" and \"replace\", or \"content\""));
      } else {
        outcomes.add(apply(i, edit));
      }
    }
    return new EditReport(outcomes);
  }

  public EditReport apply(List<Edit> edits) {
    List<EditOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < edits.size(); i++) {
      outcomes.add(apply(i, edits.get(i)));
    }
    return new EditReport(outcomes);
  }

  private static @Nullable Edit parse(JsonNode item) {
    String path = text(item, "path");
    String search = text(item, "search");
    String replace = text(item, "replace");
    String content = text(item, "content");
    if (path == null) {
      return null;
    }
    if (search != null && replace != null && content == null) {
      return new Edit.Replace(path, search, replace);
    }
    if (content != null && search == null && replace == null) {
      return new Edit.Write(path, content);
    }
    return null;
  }

  private static @Nullable String text(JsonNode item, String field) {
    JsonNode value = item.get(field);
    return value != null && value.isTextual() ? value.textValue() : null;
  }

  private EditOutcome apply(int index, Edit edit) {
    String problem = checkPath(edit.path());
    if (problem != null) {
      return new EditOutcome(index, edit.path(), false, problem);
    }
    Path file = root.resolve(edit.path()).normalize();
    String path = root.relativize(file).toString();
    try {
      return switch (edit) {
        case Edit.Replace r -> replace(index, path, file, r);
        case Edit.Write w -> write(index, path, file, w);
      };
    } catch (IOException e) {
      return new EditOutcome(index, path, false, "cannot write " + path + ": " + e.getMessage());
    }
  }

  private EditOutcome replace(int index, String path, Path file, Edit.Replace edit)
      throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return new EditOutcome(
          index, path, false, "file not found: " + path + " (use \"content\" to create a file)");
    }
    if (edit.search().isEmpty()) {
      return new EditOutcome(
          index, path, false, "search text is empty; use \"content\" to write a whole file");
    }
    String content = readText(file);
    if (content == null) {
      return new EditOutcome(index, path, false, path + " is not a UTF-8 text file");
    }
    int first = content.indexOf(edit.search());
    if (first < 0) {
      String hint =
          squash(content).contains(squash(edit.search()))
              ? " (it would match with different whitespace: copy the exact indentation)"
              : "";
      return new EditOutcome(index, path, false, "search text not found in " + path + hint);
    }
    int count = occurrences(content, edit.search());
    if (count > 1) {
      return new EditOutcome(
          index,
          path,
          false,
          "search text found "
              + count
              + " times in "
              + path
              + "; include more surrounding lines so that it is unique");
    }
    String updated =
        content.substring(0, first)
            + edit.replace()
            + content.substring(first + edit.search().length());
    if (updated.length() > MAX_FILE_CHARS) {
      return new EditOutcome(index, path, false, "resulting file is too large");
    }
    Files.writeString(file, updated, StandardCharsets.UTF_8);
    return new EditOutcome(index, path, true, "replaced 1 occurrence in " + path);
  }

  private EditOutcome write(int index, String path, Path file, Edit.Write edit) throws IOException {
    if (edit.content().length() > MAX_FILE_CHARS) {
      return new EditOutcome(index, path, false, "content larger than " + MAX_FILE_CHARS);
    }
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      return new EditOutcome(index, path, false, path + " is a directory");
    }
    boolean existed = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
    Path parent = file.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, edit.content(), StandardCharsets.UTF_8);
    long lines = edit.content().lines().count();
    return new EditOutcome(
        index, path, true, (existed ? "rewrote " : "created ") + path + " (" + lines + " lines)");
  }

  /** Why the path may not be edited, or null. */
  private @Nullable String checkPath(String path) {
    if (path.isBlank()) {
      return "path is empty";
    }
    boolean driveLetter = path.indexOf(':') == 1;
    if (path.startsWith("/") || path.startsWith("\\") || path.contains("\0") || driveLetter) {
      return "path must be relative to the repository root: " + path;
    }
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root) || file.equals(root)) {
      return "path escapes the workspace: " + path;
    }
    String relative = root.relativize(file).toString().replace('\\', '/');
    String unsafe = SafePaths.problem(relative);
    if (unsafe != null) {
      return "refused: the edit " + unsafe + " (nothing under .git may be written)";
    }
    for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
      if (Files.isSymbolicLink(p)) {
        return "path goes through a symbolic link: " + path;
      }
    }
    if (isProtected.test(relative)) {
      return relative
          + " is protected (a test, or the test runner's configuration); change the source code"
          + " instead";
    }
    return null;
  }

  private static @Nullable String readText(Path file) throws IOException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static int occurrences(String text, String search) {
    int count = 0;
    for (int i = text.indexOf(search); i >= 0; i = text.indexOf(search, i + 1)) {
      count++;
    }
    return count;
  }

  private static String squash(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  private static EditReport failure(String path, String message) {
    return new EditReport(List.of(new EditOutcome(0, path, false, message)));
  }
}
