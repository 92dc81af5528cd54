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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A copy of a directory tree that any user can read, for an unprivileged sandbox uid to bind.
 * Symbolic links are copied as links, never followed; the copy is deleted on close.
 */
final class StagedCopy implements AutoCloseable {

  static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwxr-xr-x");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> EXEC = DIR;

  private final Path root;

  private StagedCopy(Path root) {
    this.root = root;
  }

  static StagedCopy of(Path source, Path stagingDir) {
    if (stagingDir.toAbsolutePath().normalize().startsWith(source.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("staging dir inside the working copy: " + stagingDir);
    }
    try {
      Path root = Files.createTempDirectory(stagingDir, "apex-stage-");
      Files.setPosixFilePermissions(root, DIR);
      copyTree(source, root);
      return new StagedCopy(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stage " + source, e);
    }
  }

  Path root() {
    return root;
  }

  /** Copies {@code source} into the existing directory {@code target}, making it world-readable. */
  static void copyTree(Path source, Path target) throws IOException {
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Path to = target.resolve(source.relativize(dir).toString());
            if (!dir.equals(source)) {
              Files.createDirectory(to);
            }
            Files.setPosixFilePermissions(to, DIR);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path to = target.resolve(source.relativize(file).toString());
            if (attrs.isSymbolicLink()) {
              Files.createSymbolicLink(to, Files.readSymbolicLink(file));
            } else if (attrs.isRegularFile()) {
              Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
              Files.setPosixFilePermissions(to, Files.isExecutable(file) ? EXEC : FILE);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  static void deleteTree(Path root) {
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

  @Override
  public void close() {
    deleteTree(root);
  }
}
