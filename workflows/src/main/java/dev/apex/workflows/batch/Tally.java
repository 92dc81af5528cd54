package dev.apex.workflows.batch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.Outcome;
import java.util.Map;
import java.util.TreeMap;

/** Running counts of a batch: episodes done, resolved, tokens, and outcomes. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Tally(int done, int resolved, long tokens, Map<Outcome, Integer> outcomes) {

  public static final Tally EMPTY = new Tally(0, 0, 0, Map.of());

  public Tally {
    outcomes = Map.copyOf(outcomes);
  }

  public Tally plus(EpisodeResult result) {
    Map<Outcome, Integer> counts = new TreeMap<>(outcomes);
    counts.merge(result.outcome(), 1, Integer::sum);
    return new Tally(
        done + 1, resolved + (result.resolved() ? 1 : 0), tokens + result.tokensUsed(), counts);
  }
}
