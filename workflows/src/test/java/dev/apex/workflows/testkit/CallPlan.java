package dev.apex.workflows.testkit;

/** Schedules what happens to a parked role call on simulated time. */
@FunctionalInterface
public interface CallPlan {

  void schedule(ScriptedRoles.Parked call);
}
