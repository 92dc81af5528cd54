package dev.apex.activities.grading;

import org.jspecify.annotations.Nullable;

/**
 * The check every patch passes before any tool reads it (model patches, predictions, a task file's
 * gold and test patches): each path it names follows {@link SafePaths}, and each symbolic link it
 * leaves points inside the working copy and clear of {@code .git}.
 */
public final class UntrustedPatch {

  private UntrustedPatch() {}

  /**
   * Why the patch is refused, as the row's reason ("patch refused: touches .git/config"), or null.
   */
  public static @Nullable String refusal(String patch) {
    for (String path : PatchFiles.touched(patch)) {
      String problem = SafePaths.problem(path);
      if (problem != null) {
        return "patch refused: " + problem;
      }
    }
    for (PatchFiles.Symlink link : PatchFiles.symlinks(patch)) {
      String target = link.target();
      if (target == null) {
        return "patch refused: creates a symbolic link whose target cannot be read: " + link.path();
      }
      String resolved = SafePaths.resolveLink(link.path(), target);
      if (resolved == null) {
        return "patch refused: creates a symbolic link out of the working copy: "
            + link.path()
            + " -> "
            + target;
      }
      if (!resolved.isEmpty() && SafePaths.problem(resolved) != null) {
        return "patch refused: creates a symbolic link into .git: " + link.path() + " -> " + target;
      }
    }
    return null;
  }
}
