package dev.apex.workflows.roles;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The critic role: judges the current patch and the run results: approve or ask for another round.
 * Served on its own task queue by its own worker.
 */
@ActivityInterface(namePrefix = "Critic.")
public interface CriticActivities {

  @ActivityMethod
  RoleReply critique(RoleRequest request);
}
