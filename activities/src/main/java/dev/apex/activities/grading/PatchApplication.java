package dev.apex.activities.grading;

/**
 * The outcome of applying a patch.
 *
 * @param method what applied it, or FAILED
 * @param log the output of the last attempt
 */
public record PatchApplication(ApplyMethod method, String log) {

  public boolean applied() {
    return method != ApplyMethod.FAILED;
  }
}
