package dev.apex.activities.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Directory trees handled without following a symbolic link: one may point anywhere. */
public final class FileTrees {

  private FileTrees() {}

  /** What a copy does with each directory and regular file it made, e.g. set its permissions. */
  @FunctionalInterface
  public interface Copied {
    void accept(Path original, Path copy) throws IOException;
  }

  /**
   * Copies {@code source} into the directory {@code target}: directories, regular files with their
   * attributes, and links as links; anything else is left out, and so is every entry below {@code
   * source} whose file name {@code leaveOut} accepts, with all it holds. {@code copied} sees each
   * directory ({@code target} too) and regular file once it is made.
   */
  public static void copy(Path source, Path target, Predicate<String> leaveOut, Copied copied)
      throws IOException {
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (!dir.equals(source) && leaveOut.test(dir.getFileName().toString())) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Path to = target.resolve(source.relativize(dir).toString());
            Files.createDirectories(to);
            copied.accept(dir, to);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (leaveOut.test(file.getFileName().toString())) {
              return FileVisitResult.CONTINUE;
            }
            Path to = target.resolve(source.relativize(file).toString());
            if (attrs.isSymbolicLink()) {
              Files.createSymbolicLink(to, Files.readSymbolicLink(file));
            } else if (attrs.isRegularFile()) {
              Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
              copied.accept(file, to);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Deletes {@code root} and everything under it; a link, inside or {@code root} itself, is deleted
   * alone. Nothing happens when {@code root} does not exist.
   *
   * @throws UncheckedIOException naming {@code root} when an entry cannot be deleted
   */
  public static void delete(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
