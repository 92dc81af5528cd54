package dev.apex.workflows.policy;

/**
 * How an episode arranges the roles. Runs inside the workflow: deterministic, no I/O, only {@link
 * Team} calls. Policies are not told the budget, so one run gives success@b for every b up to it.
 */
public interface Policy {

  /**
   * Works on the task until the policy decides to submit the working copy.
   *
   * @return why it submits, for the episode's record
   * @throws BudgetExhaustedException when the budget runs out first
   */
  String run(Team team, PolicySettings settings);
}
