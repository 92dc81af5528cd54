package dev.apex.activities.grading;

import dev.apex.activities.sandbox.FileTrees;
import dev.apex.workflows.run.RunLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A working copy of a task's base repository under git, so the changes made to it can be taken as a
 * unified diff. The base commit has a fixed author and date: the same base gives the same commit.
 *
 * <p>The git directory is a sibling of the working copy ({@code <dir>.git}), never inside it: what
 * untrusted content writes into the copy (a {@code .git/config}, hooks, a {@code .gitattributes})
 * cannot configure the git that runs here. No file operation here follows a symbolic link. Not
 * thread-safe.
 */
public final class Workspace implements AutoCloseable {

  private static final String EXCLUDES = "__pycache__/\n*.pyc\n.pytest_cache/\n";

  private final Path root;
  private final Path gitDir;

  private Workspace(Path root) {
    this.root = root.toAbsolutePath().normalize();
    this.gitDir = gitDirOf(this.root);
  }

  /** Copies {@code baseRepo} into {@code dir} (created; must not exist) and commits it. */
  public static Workspace create(Path baseRepo, Path dir) {
    Workspace workspace = new Workspace(dir);
    try {
      Files.createDirectories(workspace.root.getParent());
      FileTrees.delete(workspace.gitDir);
      Files.createDirectory(workspace.root);
      FileTrees.copy(baseRepo, workspace.root, SafePaths::isGitName, (original, copy) -> {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + baseRepo + " to " + dir, e);
    }
    workspace.gitCheck("init", "-q");
    try {
      Files.writeString(workspace.gitDir.resolve("info/exclude"), EXCLUDES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    workspace.gitCheck("add", "-A");
    workspace.gitCheck("commit", "-q", "--no-verify", "--allow-empty", "-m", "base");
    return workspace;
  }

  /** The working copy an earlier {@link #create} made in {@code dir}. */
  public static Workspace open(Path dir) {
    Workspace workspace = new Workspace(dir);
    if (!Files.isDirectory(workspace.gitDir, LinkOption.NOFOLLOW_LINKS)
        || !Files.isDirectory(workspace.root, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("not a workspace (no " + workspace.gitDir + "): " + dir);
    }
    return workspace;
  }

  public Path root() {
    return root;
  }

  /** The unified diff (a/ b/ prefixes) from the base to the current files; empty when none. */
  public String diff() {
    gitCheck("add", "-A");
    return gitCheck(
        "diff",
        "--cached",
        "--binary",
        "--no-color",
        "--no-ext-diff",
        "--no-textconv",
        "--no-renames",
        "HEAD");
  }

  /** Paths, relative to the root, that differ from the base (added, changed or deleted). */
  public List<String> changedPaths() {
    gitCheck("add", "-A");
    String out =
        gitCheck(
            "diff",
            "--cached",
            "--name-only",
            "-z",
            "--no-ext-diff",
            "--no-textconv",
            "--no-renames",
            "HEAD");
    List<String> paths = new ArrayList<>();
    for (String path : out.split("\0", -1)) {
      if (!path.isEmpty()) {
        paths.add(path);
      }
    }
    return paths;
  }

  /**
   * Puts one path back to its base state: the base content, or absent if the base lacks it. An
   * entry standing where a directory of the path should be (a symbolic link, a file) is itself a
   * change and is put back first, so nothing is ever reached through it; a link is deleted, never
   * its target.
   */
  public void restore(String path) {
    String problem = SafePaths.problem(path);
    if (problem != null) {
      throw new IllegalArgumentException("cannot restore a path that " + problem);
    }
    String[] parts = path.split("/", -1);
    for (int i = 1; i < parts.length; i++) {
      String prefix = String.join("/", List.of(parts).subList(0, i));
      Path entry = root.resolve(prefix);
      if (Files.exists(entry, LinkOption.NOFOLLOW_LINKS)
          && !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
        restoreEntry(prefix);
      }
    }
    restoreEntry(path);
  }

  private void restoreEntry(String path) {
    boolean inBase = git("cat-file", "-e", "HEAD:" + path).ok();
    gitCheck("rm", "-q", "-r", "--cached", "--ignore-unmatch", "--", path);
    deleteInside(root.resolve(path));
    if (inBase) {
      gitCheck("checkout", "HEAD", "--", path);
    }
  }

  /**
   * Deletes {@code entry} (a link itself, never its target) once its real parent is in the copy.
   */
  private void deleteInside(Path entry) {
    Path parent = entry.getParent();
    Path name = entry.getFileName();
    if (parent == null || name == null) {
      throw new IllegalArgumentException("not an entry of the working copy: " + entry);
    }
    try {
      parent = parent.toRealPath();
    } catch (NoSuchFileException e) {
      return;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!parent.startsWith(realRoot())) {
      throw new IllegalStateException("refusing to delete outside the working copy: " + entry);
    }
    FileTrees.delete(parent.resolve(name));
  }

  private Path realRoot() {
    try {
      return root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first entry on the way to {@code path} (its parents) that is a symbolic link, or null. */
  public @Nullable String linkOnTheWay(String path) {
    String[] parts = path.split("/", -1);
    for (int i = 1; i < parts.length; i++) {
      String prefix = String.join("/", List.of(parts).subList(0, i));
      if (Files.isSymbolicLink(root.resolve(prefix))) {
        return prefix;
      }
    }
    return null;
  }

  /** Entries named {@code .git} (any spelling {@link SafePaths} refuses) inside the copy. */
  List<String> gitEntries() {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.equals(root))
          .filter(p -> SafePaths.isGitName(p.getFileName().toString()))
          .map(p -> root.relativize(p).toString())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Applies a diff {@link #diff()} gave (in {@code patch}) to the current files. */
  public void apply(Path patch) {
    gitCheck("apply", "--binary", "--whitespace=nowarn", patch.toAbsolutePath().toString());
  }

  /** Back to the base commit, untracked files removed. */
  public void reset() {
    gitCheck("reset", "-q", "--hard", "HEAD");
    gitCheck("clean", "-q", "-f", "-f", "-d", "-x");
  }

  @Override
  public void close() {
    FileTrees.delete(root);
    FileTrees.delete(gitDir);
  }

  Git.Result git(String... args) {
    return Git.run(root, gitDir, args);
  }

  String gitCheck(String... args) {
    return Git.check(root, gitDir, args);
  }

  private static Path gitDirOf(Path root) {
    return Path.of(RunLayout.gitDir(root.toString()));
  }
}
