package dev.apex.workflows.roles;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The summarizer role: compresses another role's conversation so it stays under its context cap.
 * Served on its own task queue by its own worker.
 */
@ActivityInterface(namePrefix = "Summarizer.")
public interface SummarizerActivities {

  @ActivityMethod
  RoleReply summarize(RoleRequest request);
}
