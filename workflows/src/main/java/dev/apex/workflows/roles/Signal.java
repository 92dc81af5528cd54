package dev.apex.workflows.roles;

/** What a role's reply means for the policy beyond its text. */
public enum Signal {
  NONE,
  /** The Coder changed the working copy. */
  PATCH_APPLIED,
  /** The Coder's edits could not be applied; the reply says why. */
  PATCH_FAILED,
  /** The Coder says the task is done. */
  DONE,
  /** The Runner's command succeeded. */
  TESTS_PASSED,
  /** The Runner's command failed, hung or could not run. */
  TESTS_FAILED,
  /** The Critic approves submitting the current patch. */
  APPROVE,
  /** The Critic asks for another round. */
  REJECT
}
