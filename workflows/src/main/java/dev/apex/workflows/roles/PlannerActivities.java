package dev.apex.workflows.roles;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The planner role: reads the task and the other roles' results and directs the next step. Served
 * on its own task queue by its own worker.
 */
@ActivityInterface(namePrefix = "Planner.")
public interface PlannerActivities {

  @ActivityMethod
  RoleReply plan(RoleRequest request);
}
