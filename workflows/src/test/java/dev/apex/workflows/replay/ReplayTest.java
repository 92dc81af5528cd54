package dev.apex.workflows.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.workflows.batch.BatchEvalWorkflowImpl;
import dev.apex.workflows.episode.EpisodeWorkflowImpl;
import dev.apex.workflows.testkit.PacedPolicy;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Replays the stored histories against today's workflow code, so a change that would break running
 * episodes and batches (a reordered, added or removed command) fails the build.
 */
class ReplayTest {

  /**
   * The replaying worker. Its deadlock detection is relaxed from 1 s: the first replay in a cold
   * JVM loads many classes inside the workflow thread, which on a slow machine takes longer than
   * that and would fail the replay for no fault of the code.
   */
  private static TestWorkflowEnvironment env;

  private static Worker worker;

  @BeforeAll
  static void worker() {
    env = TestWorkflowEnvironment.newInstance();
    worker =
        env.newWorker(
            "replay",
            WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build());
    worker.registerWorkflowImplementationTypes(
        EpisodeWorkflowImpl.class, BatchEvalWorkflowImpl.class);
  }

  @AfterAll
  static void close() {
    env.close();
  }

  @AfterEach
  void resetPacing() {
    PacedPolicy.callEvery = Duration.ofSeconds(90);
    PacedPolicy.workUntil = Duration.ofDays(1);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Recording.class)
  void storedHistory_replaysAgainstCurrentCode(Recording recording) throws Exception {
    PacedPolicy.callEvery = Recording.PACED_CALL_EVERY;
    PacedPolicy.workUntil = Recording.PACED_WORK_UNTIL;
    for (String file : recording.files()) {
      WorkflowExecutionHistory history =
          WorkflowExecutionHistory.fromJson(read(file), recording.workflowId());
      assertThat(history.getEvents()).as(file).isNotEmpty();
      WorkflowReplayer.replayWorkflowExecution(history, worker);
    }
  }

  @Test
  void historiesDirectory_holdsExactlyTheRecordedFiles() throws URISyntaxException, IOException {
    URL dir = ReplayTest.class.getResource("/histories");
    assertThat(dir).as("histories on the test classpath").isNotNull();
    try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(
              Arrays.stream(Recording.values()).flatMap(r -> r.files().stream()).toList());
    }
  }

  private static String read(String file) throws IOException {
    try (InputStream in = ReplayTest.class.getResourceAsStream("/histories/" + file)) {
      assertThat(in).as(file + " on the test classpath; see docs/testing.md").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
