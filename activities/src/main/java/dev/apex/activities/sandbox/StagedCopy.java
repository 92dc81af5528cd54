package dev.apex.activities.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

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
    FileTrees.copy(
        source,
        target,
        name -> false,
        (original, copy) ->
            Files.setPosixFilePermissions(
                copy,
                Files.isDirectory(original, LinkOption.NOFOLLOW_LINKS)
                    ? DIR
                    : Files.isExecutable(original) ? EXEC : FILE));
  }

  @Override
  public void close() {
    FileTrees.delete(root);
  }
}
