package dev.apex.activities.episode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.activities.grading.Grader;
import dev.apex.activities.roles.TaskCatalog;
import dev.apex.activities.sandbox.LocalSandbox;
import dev.apex.activities.sandbox.SandboxConfig;
import dev.apex.workflows.episode.EpisodeInput;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.Outcome;
import dev.apex.workflows.episode.TimeRule;
import dev.apex.workflows.policy.PolicySettings;
import dev.apex.workflows.roles.TaskRef;
import dev.apex.workflows.run.RunLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The episode's own steps on disk: fresh working copies and result rows that say what failed. */
class EpisodeActivitiesTest {

  private static final Path TASKS =
      Path.of(System.getProperty("apex.repo.root", ".."), "tasks/apex-bugs/tasks.jsonl")
          .toAbsolutePath()
          .normalize();

  @TempDir Path tmp;

  private EpisodeInput input() {
    return new EpisodeInput(
        new TaskRef("py-median-even", TASKS.toString()),
        "static_star",
        1000,
        "swe",
        TimeRule.DEFAULTS,
        PolicySettings.DEFAULTS,
        tmp.resolve("run").toString(),
        "b1",
        null);
  }

  @Test
  void prepareWorkspace_reRunEpisode_startsFromFreshCopySessionsAndCheckpoints()
      throws IOException {
    EpisodeActivitiesImpl steps =
        new EpisodeActivitiesImpl(
            new TaskCatalog(),
            new Grader(
                new LocalSandbox(new SandboxConfig(null, tmp, "/usr/bin:/bin")), tmp.resolve("g")));
    String id = "b1--py-median-even";
    Path workspace = Path.of(steps.prepareWorkspace(input(), id));
    Files.writeString(workspace.resolve("left-by-attempt-1.txt"), "x");
    Path sessions = Path.of(RunLayout.sessions(input().runDir(), id));
    Files.createDirectories(sessions);
    Files.writeString(sessions.resolve("planner.jsonl"), "{}\n");
    Path checkpoints = Path.of(RunLayout.turnCheckpoints(workspace.toString()));
    Files.createDirectories(checkpoints);

    steps.prepareWorkspace(input(), id);

    assertThat(workspace.resolve("left-by-attempt-1.txt")).doesNotExist();
    assertThat(workspace.resolve(".git")).doesNotExist();
    assertThat(Path.of(RunLayout.gitDir(workspace.toString()))).isDirectory();
    assertThat(sessions).doesNotExist();
    assertThat(checkpoints).doesNotExist();
  }

  @Test
  void recordOutcome_unwritableRunDirectory_failsNamingThePathAndTheCause() throws IOException {
    Path run = tmp.resolve("run");
    Files.createDirectories(run);
    Files.writeString(run.resolve(RunLayout.EPISODES), "a file where the folder should be");
    EpisodeResult row =
        EpisodeResult.withoutResult("t/1", "b1--t/1", "b1", "static_star", 10, Outcome.ERROR, "x");

    assertThatThrownBy(() -> RunFiles.writeEpisode(run, row))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(RunLayout.episodeFile(run.toString(), "t/1"))
        .hasMessageMatching(".*json: .+");
  }
}
