package dev.apex.activities.batch;

import dev.apex.workflows.roles.Role;
import org.jspecify.annotations.Nullable;

/**
 * The identity a role worker polls with: {@code apex:<role>:warm:<model>@<host>:<pid>}. A worker
 * creates its Temporal client only after its model is loaded and warmed, so a poller with this
 * identity is the worker's own signal that it is warm.
 */
public final class WorkerIdentity {

  private static final String PREFIX = "apex:";
  private static final String WARM = ":warm:";

  private WorkerIdentity() {}

  public static String of(Role role, String model, String host, long pid) {
    return PREFIX + role.id() + WARM + model + "@" + host + ":" + pid;
  }

  /** The role a warm worker's identity names, or null when it is not one of ours. */
  public static @Nullable Role warmRole(String identity) {
    if (!identity.startsWith(PREFIX) || !identity.contains(WARM)) {
      return null;
    }
    String role = identity.substring(PREFIX.length(), identity.indexOf(WARM));
    for (Role candidate : Role.values()) {
      if (candidate.id().equals(role)) {
        return candidate;
      }
    }
    return null;
  }
}
