package dev.apex.activities.roles;

import dev.apex.activities.batch.Failures;
import dev.apex.activities.grading.Workspace;
import dev.apex.workflows.run.RunLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The working copy as each Coder turn found it, kept beside it as a diff from the base. The first
 * attempt of a turn records it; a retried attempt (the earlier one may have applied edits before it
 * was lost) puts the working copy back to it first, so edits are applied once.
 */
final class TurnCheckpoints {

  private TurnCheckpoints() {}

  static void begin(Workspace workspace, int turn) {
    Path dir = Path.of(RunLayout.turnCheckpoints(workspace.root().toString()));
    Path file = dir.resolve("coder-" + turn + ".diff");
    try {
      if (Files.exists(file)) {
        workspace.reset();
        if (Files.size(file) > 0) {
          workspace.apply(file);
        }
        return;
      }
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "coder-" + turn, ".tmp");
      Files.writeString(temp, workspace.diff());
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot checkpoint " + file + ": " + Failures.cause(e), e);
    }
  }
}
