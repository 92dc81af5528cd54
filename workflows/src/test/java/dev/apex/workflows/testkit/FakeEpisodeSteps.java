package dev.apex.workflows.testkit;

import dev.apex.workflows.episode.EpisodeActivities;
import dev.apex.workflows.episode.EpisodeInput;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.GradeRequest;
import dev.apex.workflows.episode.GradeResult;
import dev.apex.workflows.episode.TestCounts;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records grading requests and outcome rows; grades by a fixed verdict. */
public final class FakeEpisodeSteps implements EpisodeActivities {

  private volatile boolean resolves = true;
  private final List<GradeRequest> grades = new CopyOnWriteArrayList<>();
  private final List<EpisodeResult> recorded = new CopyOnWriteArrayList<>();

  public FakeEpisodeSteps resolves(boolean value) {
    this.resolves = value;
    return this;
  }

  public List<GradeRequest> grades() {
    return grades;
  }

  public List<EpisodeResult> recorded() {
    return recorded;
  }

  @Override
  public String prepareWorkspace(EpisodeInput input, String episodeId) {
    return "/work/" + episodeId;
  }

  @Override
  public GradeResult grade(GradeRequest request) {
    grades.add(request);
    return resolves
        ? new GradeResult(true, true, new TestCounts(2, 2, 3, 3), "diff --git a/x b/x", "all pass")
        : new GradeResult(false, true, new TestCounts(0, 2, 3, 3), "diff --git a/x b/x", "2 fail");
  }

  @Override
  public void recordOutcome(String runDir, EpisodeResult result) {
    recorded.add(result);
  }
}
