package dev.apex.workflows.roles;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The runner role: decides what to run against the working copy, runs it in the sandbox and
 * reports. Served on its own task queue by its own worker.
 */
@ActivityInterface(namePrefix = "Runner.")
public interface RunnerActivities {

  @ActivityMethod
  RoleReply runTests(RoleRequest request);
}
