package dev.apex.workers.bench;

import dev.apex.workflows.episode.EpisodeActivities;
import dev.apex.workflows.episode.EpisodeInput;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.GradeRequest;
import dev.apex.workflows.episode.GradeResult;
import dev.apex.workflows.episode.TestCounts;
import dev.apex.workflows.roles.CoderActivities;
import dev.apex.workflows.roles.CriticActivities;
import dev.apex.workflows.roles.PlannerActivities;
import dev.apex.workflows.roles.RoleReply;
import dev.apex.workflows.roles.RoleRequest;
import dev.apex.workflows.roles.RunnerActivities;
import dev.apex.workflows.roles.Signal;
import dev.apex.workflows.roles.SummarizerActivities;

/**
 * Activities that answer at once, so an episode's time is Temporal's alone: the Critic always asks
 * for another round, so every round makes four role calls.
 */
final class NoopTeam
    implements PlannerActivities,
        CoderActivities,
        RunnerActivities,
        CriticActivities,
        SummarizerActivities,
        EpisodeActivities {

  private static final RoleReply STEP = new RoleReply("ok", 10, 5, false, Signal.NONE, 15);

  @Override
  public RoleReply plan(RoleRequest request) {
    return STEP;
  }

  @Override
  public RoleReply writePatch(RoleRequest request) {
    return STEP;
  }

  @Override
  public RoleReply runTests(RoleRequest request) {
    return STEP;
  }

  @Override
  public RoleReply critique(RoleRequest request) {
    return new RoleReply("again", 10, 5, false, Signal.REJECT, 15);
  }

  @Override
  public RoleReply summarize(RoleRequest request) {
    return STEP;
  }

  @Override
  public String prepareWorkspace(EpisodeInput input, String episodeId) {
    return "/nowhere";
  }

  @Override
  public GradeResult grade(GradeRequest request) {
    return new GradeResult(true, true, TestCounts.NONE, "", "noop");
  }

  @Override
  public void recordOutcome(String runDir, EpisodeResult result) {}
}
