package dev.apex.activities.roles;

import dev.apex.backends.Completion;
import dev.apex.workflows.roles.Role;

/** Hears about each LLM call a role makes, e.g. to count tokens for metrics. Thread-safe. */
public interface CallObserver {

  CallObserver NONE =
      new CallObserver() {
        @Override
        public void started(Role role) {}

        @Override
        public void finished(Role role, Completion completion) {}

        @Override
        public void ended(Role role, String outcome) {}
      };

  /** A generation began. */
  void started(Role role);

  /** A generation finished normally; followed by {@code ended(role, "ok")}. */
  void finished(Role role, Completion completion);

  /**
   * A call ended: {@code ok}, {@code exhausted} (prompt did not fit), {@code cancelled}, {@code
   * retryable}, {@code permanent} or {@code error} (an unexpected exception).
   */
  void ended(Role role, String outcome);
}
