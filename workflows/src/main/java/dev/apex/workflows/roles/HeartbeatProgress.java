package dev.apex.workflows.roles;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The details a running role activity heartbeats: where it is and how much it has produced. The
 * episode's time rule counts growth of {@link #progressUnits()} as progress.
 *
 * @param phase {@code prompt}, {@code decode}, {@code sandbox} or {@code done}
 * @param promptTokens tokens of the prompt being processed
 * @param completionTokens tokens generated so far
 * @param tokensPerS decode speed so far
 * @param outputBytes output observed from a sandboxed command so far
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HeartbeatProgress(
    String phase,
    @JsonProperty("prompt_tokens") int promptTokens,
    @JsonProperty("completion_tokens") int completionTokens,
    @JsonProperty("tokens_per_s") double tokensPerS,
    @JsonProperty("output_bytes") long outputBytes) {

  /** Grows exactly when the activity produced something new. */
  public long progressUnits() {
    return (long) completionTokens + outputBytes;
  }
}
