package dev.apex.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.workflows.batch.BatchProgress;
import dev.apex.workflows.episode.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

  @Test
  void planning_showsNoCountsYet() {
    BatchProgress planning = new BatchProgress("planning", 0, 0, 0, 0, List.of(), Map.of(), "");

    assertThat(ProgressLine.format(planning, Duration.ofSeconds(3)))
        .isEqualTo("planning · elapsed 0:03");
  }

  @Test
  void running_showsCountsTokensRunningTasksAndEta() {
    BatchProgress running =
        new BatchProgress("running", 4, 1, 1, 2345, List.of("py-a", "py-b"), Map.of(), "");

    assertThat(ProgressLine.format(running, Duration.ofSeconds(90)))
        .isEqualTo(
            "[1/4] resolved 1 · errors 0 · tokens 2345 · running py-a,py-b · elapsed 1:30 · ETA 4:30");
  }

  @Test
  void errors_areCountedApartFromUnresolvedEpisodes() {
    BatchProgress running =
        new BatchProgress(
            "running",
            4,
            3,
            1,
            100,
            List.of(),
            Map.of(Outcome.RESOLVED, 1, Outcome.UNRESOLVED, 1, Outcome.ERROR, 1),
            "");

    assertThat(ProgressLine.format(running, Duration.ofSeconds(90)))
        .startsWith("[3/4] resolved 1 · errors 1 · tokens 100");
  }

  @Test
  void plainOutput_printsALineOnlyWhenSomethingChanged() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressLine line =
        new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    BatchProgress one = new BatchProgress("running", 2, 0, 0, 10, List.of("a"), Map.of(), "");
    BatchProgress more = new BatchProgress("running", 2, 0, 0, 20, List.of("a"), Map.of(), "");
    BatchProgress done = new BatchProgress("running", 2, 1, 1, 30, List.of("b"), Map.of(), "");

    line.show(one);
    line.show(more);
    line.show(done);

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("[0/2]");
    assertThat(lines.get(1)).startsWith("[1/2]");
  }
}
