package dev.apex.workers;

import dev.apex.activities.roles.CallObserver;
import dev.apex.activities.roles.CoderActivitiesImpl;
import dev.apex.activities.roles.CriticActivitiesImpl;
import dev.apex.activities.roles.PlannerActivitiesImpl;
import dev.apex.activities.roles.RunnerActivitiesImpl;
import dev.apex.activities.roles.SummarizerActivitiesImpl;
import dev.apex.activities.roles.TaskCatalog;
import dev.apex.activities.sandbox.Sandbox;
import dev.apex.backends.ModelBackend;
import dev.apex.workflows.roles.Role;
import java.util.function.Supplier;

/** The activity implementation each role's worker registers. */
public final class RoleActivities {

  private RoleActivities() {}

  public static Object create(
      Role role, ModelBackend model, CallObserver observer, Supplier<Sandbox> sandbox) {
    TaskCatalog tasks = new TaskCatalog();
    return switch (role) {
      case PLANNER -> new PlannerActivitiesImpl(model, tasks, observer);
      case CODER -> new CoderActivitiesImpl(model, tasks, observer);
      case RUNNER -> new RunnerActivitiesImpl(model, tasks, sandbox.get(), observer);
      case CRITIC -> new CriticActivitiesImpl(model, tasks, observer);
      case SUMMARIZER -> new SummarizerActivitiesImpl(model, observer);
    };
  }
}
