package dev.apex.workflows.episode;

import dev.apex.workflows.roles.Role;
import io.temporal.api.enums.v1.TimeoutType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A role call that no worker picked up: infrastructure missing, said as such. */
final class NoWorker {

  private NoWorker() {}

  /**
   * "no apex-coder worker polled for 5 min" when {@code failure} is a call's schedule-to-start
   * timeout, else null.
   */
  static @Nullable String reason(ActivityFailure failure, TimeRule rule) {
    if (!(failure.getCause() instanceof TimeoutFailure timeout)
        || timeout.getTimeoutType() != TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START) {
      return null;
    }
    String type = failure.getActivityType();
    int dot = type.indexOf('.');
    String queue = type;
    for (Role role : Role.values()) {
      if (dot > 0 && type.substring(0, dot).toLowerCase(Locale.ROOT).equals(role.id())) {
        queue = role.taskQueue();
      }
    }
    long seconds = rule.noWorker().toSeconds();
    String wait = seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    return "no " + queue + " worker polled for " + wait;
  }
}
