package dev.apex.workflows.batch;

import dev.apex.workflows.episode.EpisodeResult;
import io.temporal.failure.ChildWorkflowFailure;
import org.jspecify.annotations.Nullable;

/** A child episode's end: its result, or the failure that closed it without one. */
record ChildEnd(
    String instanceId, @Nullable EpisodeResult result, @Nullable ChildWorkflowFailure failure) {}
