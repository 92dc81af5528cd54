package dev.apex.activities.grading;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of applying a patch.
 *
 * @param method what applied it, or FAILED or REFUSED
 * @param log the output of the last attempt, or why the patch was refused
 */
public record PatchApplication(ApplyMethod method, String log) {

  static PatchApplication refused(String reason) {
    return new PatchApplication(ApplyMethod.REFUSED, reason);
  }

  public boolean applied() {
    return method.applied();
  }

  /** Why the patch was refused ("patch refused: touches .git/config"), or null. */
  public @Nullable String refusal() {
    return method == ApplyMethod.REFUSED ? log : null;
  }
}
