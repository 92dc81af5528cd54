package dev.apex.workers.supervisor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * What a worker's {@code /status} (and {@code /ready}) says about who it is and whether it is
 * alive: the fields the workers write and the supervisor reads, named once here.
 *
 * @param fleet the fleet id its supervisor gave it in {@value #FLEET_ENV}
 * @param pid its process id
 * @param ready whether it polls
 * @param livenessAgeMs how long since its last sign of life towards the server (0 while polling)
 */
public record WorkerStatus(String fleet, long pid, boolean ready, long livenessAgeMs) {

  /** The environment variable that carries the fleet id from the supervisor to its workers. */
  public static final String FLEET_ENV = "APEX_FLEET_ID";

  public static final String FLEET = "fleet";
  public static final String PID = "pid";
  public static final String READY = "ready";
  public static final String LIVENESS_AGE_MS = "liveness_age_ms";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The status in {@code body}, or empty when it is not a worker's status. */
  public static Optional<WorkerStatus> parse(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.path(PID).canConvertToLong() || !node.has(PID)) {
        return Optional.empty();
      }
      return Optional.of(
          new WorkerStatus(
              node.path(FLEET).asText(""),
              node.path(PID).asLong(),
              node.path(READY).asBoolean(false),
              node.path(LIVENESS_AGE_MS).asLong(0)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether this is the status of the process {@code pid} of fleet {@code fleetId}. */
  public boolean isOf(String fleetId, long pid) {
    return fleet.equals(fleetId) && this.pid == pid;
  }
}
