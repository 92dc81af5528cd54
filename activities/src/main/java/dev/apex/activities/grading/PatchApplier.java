package dev.apex.activities.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Applies a patch to a {@link Workspace} at its base: {@code git apply}, then {@code git apply
 * --reject}, then {@code patch --fuzz=5}, each from a clean base. Every patch is checked by {@link
 * UntrustedPatch} first and refused unread when it fails; a patch that writes through a symbolic
 * link of the working copy, or leaves an entry named {@code .git}, is refused too.
 */
public final class PatchApplier {

  /** Larger patches are refused unread. */
  public static final int MAX_PATCH_CHARS = 10 << 20;

  private PatchApplier() {}

  /** Applies with {@code git apply} only, as the harness does with test patches. */
  public static PatchApplication applyExactly(Workspace workspace, String patch) {
    String refusal = refusal(workspace, patch);
    if (refusal != null) {
      return PatchApplication.refused(refusal);
    }
    return withPatchFile(
        patch,
        file -> {
          Git.Result git = workspace.git("apply", "--verbose", file);
          return checked(
              workspace,
              new PatchApplication(
                  git.ok() ? ApplyMethod.GIT_APPLY : ApplyMethod.FAILED, git.output()));
        });
  }

  public static PatchApplication apply(Workspace workspace, String patch) {
    if (patch.isBlank()) {
      return new PatchApplication(ApplyMethod.EMPTY, "");
    }
    if (patch.length() > MAX_PATCH_CHARS) {
      return new PatchApplication(ApplyMethod.FAILED, "patch larger than " + MAX_PATCH_CHARS);
    }
    String refusal = refusal(workspace, patch);
    if (refusal != null) {
      return PatchApplication.refused(refusal);
    }
    return withPatchFile(
        patch, patchFile -> checked(workspace, applyWithFallbacks(workspace, patchFile)));
  }

  private static @Nullable String refusal(Workspace workspace, String patch) {
    String refusal = UntrustedPatch.refusal(patch);
    if (refusal != null) {
      return refusal;
    }
    for (String path : PatchFiles.touched(patch)) {
      String link = workspace.linkOnTheWay(path);
      if (link != null) {
        return "patch refused: writes through the symbolic link " + link + ": " + path;
      }
    }
    return null;
  }

  /** The application, or a refusal when a tool left an entry named .git despite the checks. */
  private static PatchApplication checked(Workspace workspace, PatchApplication application) {
    if (!application.applied()) {
      return application;
    }
    List<String> planted = workspace.gitEntries();
    return planted.isEmpty()
        ? application
        : PatchApplication.refused("patch refused: touches " + planted.get(0));
  }

  private static PatchApplication applyWithFallbacks(Workspace workspace, String patchFile) {
    Path root = workspace.root();
    Git.Result git = workspace.git("apply", "--verbose", patchFile);
    if (git.ok()) {
      return new PatchApplication(ApplyMethod.GIT_APPLY, git.output());
    }
    workspace.reset();
    git = workspace.git("apply", "--verbose", "--reject", patchFile);
    if (git.ok()) {
      return new PatchApplication(ApplyMethod.GIT_APPLY_REJECT, git.output());
    }
    workspace.reset();
    Git.Result fuzz = patchFuzz(root, patchFile);
    if (fuzz.ok()) {
      return new PatchApplication(ApplyMethod.PATCH_FUZZ, fuzz.output());
    }
    workspace.reset();
    return new PatchApplication(ApplyMethod.FAILED, git.output() + "\n" + fuzz.output());
  }

  private static PatchApplication withPatchFile(
      String patch, Function<String, PatchApplication> action) {
    Path file;
    try {
      file = Files.createTempFile("apex-patch-", ".diff");
      Files.writeString(file, patch.endsWith("\n") ? patch : patch + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return action.apply(file.toString());
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A leftover temp file is harmless.
      }
    }
  }

  /**
   * GNU patch, told the input is a unified diff (never an ed script), to keep no backups and never
   * to check files out of a version-control system; it does not follow symbolic links.
   */
  private static Git.Result patchFuzz(Path root, String patchFile) {
    ProcessBuilder builder =
        new ProcessBuilder(
                "patch",
                "--batch",
                "--fuzz=5",
                "-p1",
                "--unified",
                "--forward",
                "--no-backup-if-mismatch",
                "--get=0",
                "-i",
                patchFile)
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("PATCH_") || name.equals("POSIXLY_CORRECT"));
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Git.Result(process.waitFor(), output);
    } catch (IOException e) {
      return new Git.Result(127, "cannot run patch: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running patch", e);
    }
  }
}
