package dev.apex.workflows.run;

/**
 * An episode's workflow id, {@code BATCH--INSTANCE}: stable, so a resumed batch finds what already
 * ran. The batch id never contains {@code --} ({@link #batchIdProblem}), so the first {@code --}
 * splits the two and any instance id round-trips.
 */
public record EpisodeId(String batchId, String instanceId) {

  static final String SEPARATOR = "--";

  public EpisodeId {
    String problem = batchIdProblem(batchId);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (instanceId.isEmpty()) {
      throw new IllegalArgumentException("empty instance id");
    }
  }

  /** The workflow id. */
  public String workflowId() {
    return batchId + SEPARATOR + instanceId;
  }

  /** The episode of {@code workflowId}; throws when it is not {@code BATCH--INSTANCE}. */
  public static EpisodeId parse(String workflowId) {
    int at = workflowId.indexOf(SEPARATOR);
    if (at <= 0 || at + SEPARATOR.length() == workflowId.length()) {
      throw new IllegalArgumentException("not an episode id: '" + workflowId + "'");
    }
    return new EpisodeId(
        workflowId.substring(0, at), workflowId.substring(at + SEPARATOR.length()));
  }

  /** Why {@code batchId} cannot name a batch, or null when it can. */
  public static @org.jspecify.annotations.Nullable String batchIdProblem(String batchId) {
    if (batchId.isEmpty()) {
      return "empty batch id";
    }
    if (batchId.contains(SEPARATOR)) {
      return "batch id '"
          + batchId
          + "' contains '--', which separates it from the task in an"
          + " episode id; choose another workflow id";
    }
    return null;
  }
}
