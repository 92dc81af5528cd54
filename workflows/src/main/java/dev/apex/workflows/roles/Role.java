package dev.apex.workflows.roles;

import java.util.Locale;

/** The five agent roles; each has its own task queue, worker process and pinned model. */
public enum Role {
  PLANNER,
  CODER,
  RUNNER,
  CRITIC,
  SUMMARIZER;

  /** Lower-case name used in queues, files and configuration. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The task queue this role's worker polls, e.g. {@code apex-planner}. */
  public String taskQueue() {
    return "apex-" + id();
  }

  public static Role parse(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT));
  }
}
