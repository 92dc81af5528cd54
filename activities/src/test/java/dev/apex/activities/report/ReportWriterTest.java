package dev.apex.activities.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.Outcome;
import dev.apex.workflows.episode.TestCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path runDir;

  @Test
  void report_recordsTheSandboxAndCountsFlakyEpisodes() throws Exception {
    List<EpisodeResult> rows =
        List.of(
            row("a", Outcome.RESOLVED, new TestCounts(1, 1, 1, 1), List.of()),
            row("b", Outcome.UNRESOLVED, new TestCounts(0, 1, 1, 1), List.of("t::f2p")),
            row("c", Outcome.UNRESOLVED, new TestCounts(0, 1, 0, 1), List.of("t::f2p")),
            row("d", Outcome.ERROR, TestCounts.NONE, List.of()));
    ReportWriter.RunInfo info =
        new ReportWriter.RunInfo("b1", "predictions", 10, "swe", "m", "none");

    ReportWriter.write(runDir, rows, info);

    JsonNode report = JSON.readTree(runDir.resolve("report.json").toFile());
    assertThat(report.path("sandbox").asText()).isEqualTo("none");
    assertThat(report.path("flaky").path("episodes_with_flaky_tests").asInt()).isEqualTo(2);
    assertThat(report.path("flaky").path("resolved_depending_on_flaky_tests").asInt()).isZero();
    assertThat(report.path("flaky").path("unresolved_only_by_flaky_tests").asInt()).isEqualTo(1);
    JsonNode second = JSON.readTree(Files.readAllLines(runDir.resolve("results.jsonl")).get(1));
    assertThat(second.path("flaky_tests").get(0).asText()).isEqualTo("t::f2p");
    assertThat(second.path("evidence").asText()).isEqualTo("grading/b");
  }

  private static EpisodeResult row(
      String id, Outcome outcome, TestCounts tests, List<String> flaky) {
    @Nullable String evidence = outcome == Outcome.ERROR ? null : "grading/" + id;
    return new EpisodeResult(
        id,
        "wf-" + id,
        "b1",
        "predictions",
        outcome,
        "r",
        outcome == Outcome.RESOLVED,
        10,
        0,
        0,
        0,
        List.of(),
        0,
        1.0,
        tests,
        "",
        flaky,
        evidence);
  }
}
