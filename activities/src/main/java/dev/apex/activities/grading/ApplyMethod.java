package dev.apex.activities.grading;

/** How a model patch got onto the base, in the order they are tried (as SWE-bench does). */
public enum ApplyMethod {
  /** The patch was empty: nothing to apply. */
  EMPTY,
  /** {@code git apply --verbose}. */
  GIT_APPLY,
  /** {@code git apply --verbose --reject}. */
  GIT_APPLY_REJECT,
  /** {@code patch --batch --fuzz=5 -p1}. */
  PATCH_FUZZ,
  /** Nothing applied it; the instance is not resolved. */
  FAILED,
  /**
   * Refused before any tool read it ({@link UntrustedPatch}): it names a path under {@code .git},
   * an absolute or climbing path, or a symbolic link out of the working copy. Not resolved.
   */
  REFUSED;

  /** True when the patch is on the working copy (EMPTY included) and the tests run. */
  public boolean applied() {
    return this != FAILED && this != REFUSED;
  }
}
