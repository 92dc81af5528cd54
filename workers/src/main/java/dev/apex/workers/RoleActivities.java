package dev.apex.workers;

import dev.apex.activities.roles.CallObserver;
import dev.apex.activities.roles.CoderActivitiesImpl;
import dev.apex.activities.roles.CriticActivitiesImpl;
import dev.apex.activities.roles.PlannerActivitiesImpl;
import dev.apex.activities.roles.RunnerActivitiesImpl;
import dev.apex.activities.roles.SummarizerActivitiesImpl;
import dev.apex.activities.roles.TaskCatalog;
import dev.apex.activities.sandbox.PythonToolEnv;
import dev.apex.activities.sandbox.Sandbox;
import dev.apex.activities.tasks.TestEnvResolver;
import dev.apex.backends.ModelBackend;
import dev.apex.workflows.roles.Role;
import java.nio.file.Path;
import java.util.function.Supplier;

/** The activity implementation each role's worker registers. */
public final class RoleActivities {

  private RoleActivities() {}

  /**
   * The activities {@code role}'s worker serves.
   *
   * @param sandbox the Runner's sandbox, made only for the Runner
   * @param toolEnvDir where the Runner finds or makes the tool environments tasks name
   */
  public static Object create(
      Role role,
      ModelBackend model,
      CallObserver observer,
      Supplier<Sandbox> sandbox,
      Path toolEnvDir) {
    TaskCatalog tasks = new TaskCatalog();
    return switch (role) {
      case PLANNER -> new PlannerActivitiesImpl(model, tasks, observer);
      case CODER -> new CoderActivitiesImpl(model, tasks, observer);
      case RUNNER ->
          new RunnerActivitiesImpl(
              model,
              tasks,
              sandbox.get(),
              observer,
              new TestEnvResolver(new PythonToolEnv(toolEnvDir)));
      case CRITIC -> new CriticActivitiesImpl(model, tasks, observer);
      case SUMMARIZER -> new SummarizerActivitiesImpl(model, observer);
    };
  }
}
