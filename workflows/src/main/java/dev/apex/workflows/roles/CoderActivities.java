package dev.apex.workflows.roles;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The coder role: turns instructions into edits of the working copy. Served on its own task queue
 * by its own worker.
 */
@ActivityInterface(namePrefix = "Coder.")
public interface CoderActivities {

  @ActivityMethod
  RoleReply writePatch(RoleRequest request);
}
