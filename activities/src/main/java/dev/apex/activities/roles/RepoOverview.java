package dev.apex.activities.roles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a role is shown of the working copy: its regular files and small files' contents. Symbolic
 * links are neither listed nor followed, so nothing outside the copy reaches a prompt.
 */
final class RepoOverview {

  private static final long MAX_FILE_BYTES = 16_000;

  private RepoOverview() {}

  /** Relative paths of the repository's files, sorted, without git's own. */
  static List<String> files(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.startsWith(".git/") && !p.contains("__pycache__/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String listing(Path root) {
    return "Repository files:\n" + String.join("\n", files(root));
  }

  /** The listing plus the contents of text files, smallest first, until {@code maxChars}. */
  static String withContents(Path root, int maxChars) {
    StringBuilder out = new StringBuilder(listing(root)).append("\n");
    List<String> bySize =
        files(root).stream()
            .sorted(java.util.Comparator.comparingLong(p -> size(root.resolve(p))))
            .toList();
    for (String path : bySize) {
      String text = text(root.resolve(path));
      if (text == null) {
        continue;
      }
      String block = "\n--- " + path + " ---\n" + text + (text.endsWith("\n") ? "" : "\n");
      if (out.length() + block.length() > maxChars) {
        continue;
      }
      out.append(block);
    }
    return out.toString();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  private static @org.jspecify.annotations.Nullable String text(Path file) {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        return null;
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
