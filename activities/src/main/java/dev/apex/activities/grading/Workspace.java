package dev.apex.activities.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A working copy of a task's base repository under git, so the changes made to it can be taken as a
 * unified diff. The base commit has a fixed author and date: the same base gives the same commit.
 * Not thread-safe.
 */
public final class Workspace implements AutoCloseable {

  private static final String EXCLUDES = "__pycache__/\n*.pyc\n.pytest_cache/\n";

  private final Path root;

  private Workspace(Path root) {
    this.root = root;
  }

  /** Copies {@code baseRepo} into {@code dir} (created; must not exist) and commits it. */
  public static Workspace create(Path baseRepo, Path dir) {
    try {
      Files.createDirectories(dir.toAbsolutePath().getParent());
      Files.createDirectory(dir);
      copyTree(baseRepo, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + baseRepo + " to " + dir, e);
    }
    Git.check(dir, "init", "-q");
    try {
      Files.writeString(dir.resolve(".git/info/exclude"), EXCLUDES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Git.check(dir, "add", "-A");
    Git.check(dir, "commit", "-q", "--no-verify", "--allow-empty", "-m", "base");
    return new Workspace(dir);
  }

  /** The working copy an earlier {@link #create} made in {@code dir}. */
  public static Workspace open(Path dir) {
    if (!Files.isDirectory(dir.resolve(".git"))) {
      throw new IllegalArgumentException("not a workspace (no .git): " + dir);
    }
    return new Workspace(dir);
  }

  public Path root() {
    return root;
  }

  /** The unified diff (a/ b/ prefixes) from the base to the current files; empty when none. */
  public String diff() {
    Git.check(root, "add", "-A");
    return Git.check(
        root,
        "diff",
        "--cached",
        "--binary",
        "--no-color",
        "--no-ext-diff",
        "--no-renames",
        "HEAD");
  }

  /** Paths, relative to the root, that differ from the base (added, changed or deleted). */
  public List<String> changedPaths() {
    Git.check(root, "add", "-A");
    String out = Git.check(root, "diff", "--cached", "--name-only", "-z", "--no-renames", "HEAD");
    List<String> paths = new ArrayList<>();
    for (String path : out.split("\0", -1)) {
      if (!path.isEmpty()) {
        paths.add(path);
      }
    }
    return paths;
  }

  /** Puts one path back to its base state: the base content, or absent if the base lacks it. */
  public void restore(String path) {
    boolean inBase = Git.run(root, "cat-file", "-e", "HEAD:" + path).ok();
    Git.check(root, "rm", "-q", "-r", "--cached", "--ignore-unmatch", "--", path);
    delete(root.resolve(path));
    if (inBase) {
      Git.check(root, "checkout", "HEAD", "--", path);
    }
  }

  /** Applies a diff {@link #diff()} gave (in {@code patch}) to the current files. */
  public void apply(Path patch) {
    Git.check(root, "apply", "--binary", "--whitespace=nowarn", patch.toAbsolutePath().toString());
  }

  /** Back to the base commit, untracked files removed. */
  public void reset() {
    Git.check(root, "reset", "-q", "--hard", "HEAD");
    Git.check(root, "clean", "-q", "-f", "-d", "-x");
  }

  @Override
  public void close() {
    delete(root);
  }

  private static void delete(Path path) {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (dir.getFileName().toString().equals(".git") && !dir.equals(source)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(target.resolve(source.relativize(dir).toString()));
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
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
