package dev.apex.activities.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.apex.activities.episode.RunFiles;
import dev.apex.workflows.batch.BatchInput.BatchSpec;
import dev.apex.workflows.batch.BatchReport;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.Outcome;
import dev.apex.workflows.episode.TestCounts;
import dev.apex.workflows.run.RunLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes a run directory from its episode rows: {@code results.jsonl}, {@code predictions.jsonl}
 * (SWE-bench's format), {@code report.json} and {@code success_at_budget.svg}. Every task of the
 * batch gets exactly one row, in task order; a task without a recorded episode counts as ERROR.
 */
public final class ReportWriter {

  /**
   * What the report describes besides its rows.
   *
   * @param sandbox {@code bubblewrap} or {@code none} (see {@code Sandbox.kind()}), or null when
   *     not known (a report rebuilt from history)
   */
  public record RunInfo(
      String batchId,
      String policy,
      int budget,
      String mode,
      String modelName,
      @Nullable String sandbox) {

    /** What the report says about a run of {@code spec}. */
    public static RunInfo of(BatchSpec spec, String batchId, @Nullable String sandbox) {
      String model = spec.modelName();
      return new RunInfo(
          batchId,
          spec.policyName(),
          spec.budget(),
          spec.mode(),
          model != null ? model : "apex-" + spec.policyName(),
          sandbox);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  /** Reads the episode rows recorded under {@code runDir} for {@code instanceIds}, in order. */
  public static List<EpisodeResult> rows(Path runDir, List<String> instanceIds, RunInfo info) {
    List<EpisodeResult> rows = new ArrayList<>();
    for (String id : instanceIds) {
      Path file = RunFiles.episodeFile(runDir, id);
      EpisodeResult row = null;
      if (Files.exists(file)) {
        try {
          row = JSON.readValue(file.toFile(), EpisodeResult.class);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + file, e);
        }
      }
      // Only this batch's rows: a row another batch left is not this batch's result.
      rows.add(row != null && info.batchId().equals(row.batchId()) ? row : missing(id, info));
    }
    return rows;
  }

  /**
   * The sandbox kind that {@code runDir}'s report.json records, or null when there is none: the
   * batch's history does not carry it, so a rebuilt report takes it from the report it replaces.
   */
  public static @Nullable String recordedSandbox(Path runDir) {
    Path report = runDir.resolve(RunLayout.REPORT);
    if (!Files.isRegularFile(report)) {
      return null;
    }
    try {
      JsonNode sandbox = JSON.readTree(report.toFile()).get("sandbox");
      return sandbox != null && sandbox.isTextual() ? sandbox.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }

  public static BatchReport write(Path runDir, List<EpisodeResult> rows, RunInfo info) {
    Map<Outcome, Integer> outcomes = new TreeMap<>();
    int resolved = 0;
    long tokens = 0;
    StringBuilder results = new StringBuilder();
    StringBuilder predictions = new StringBuilder();
    for (EpisodeResult row : rows) {
      outcomes.merge(row.outcome(), 1, Integer::sum);
      resolved += row.resolved() ? 1 : 0;
      tokens += row.tokensUsed();
      results.append(json(resultRow(row))).append('\n');
      Map<String, Object> prediction = new LinkedHashMap<>();
      prediction.put("instance_id", row.instanceId());
      prediction.put("model_name_or_path", info.modelName());
      prediction.put("model_patch", row.modelPatch());
      predictions.append(json(prediction)).append('\n');
    }
    double rate = rows.isEmpty() ? 0 : (double) resolved / rows.size();
    List<SuccessCurve.Point> curve = SuccessCurve.of(rows, rows.size(), info.budget());
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("batch_id", info.batchId());
    report.put("policy", info.policy());
    report.put("mode", info.mode());
    report.put("model", info.modelName());
    report.put("budget", info.budget());
    report.put("tasks", rows.size());
    report.put("resolved", resolved);
    report.put("success_at_budget", rate);
    report.put("tokens_used", tokens);
    report.put("outcomes", outcomes);
    report.put("success_at_b", curve);
    if (info.sandbox() != null) {
      report.put("sandbox", info.sandbox());
    }
    report.put("flaky", Flakiness.of(rows));
    report.put(
        "note",
        "success@b for b below the budget counts episodes resolved with at most b tokens spent at"
            + " submission; valid because policies are not told their budget.");
    report.put("written_at", Instant.now().toString());
    try {
      Files.createDirectories(runDir);
      atomically(runDir.resolve(RunLayout.RESULTS), results.toString());
      atomically(runDir.resolve(RunLayout.PREDICTIONS), predictions.toString());
      atomically(runDir.resolve(RunLayout.REPORT), PRETTY.writeValueAsString(report) + "\n");
      atomically(
          runDir.resolve(RunLayout.CURVE_SVG),
          CurveSvg.render(
              curve,
              info.budget(),
              "success@b: " + info.policy() + ", " + resolved + "/" + rows.size() + " resolved"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report in " + runDir, e);
    }
    return new BatchReport(
        info.batchId(),
        runDir.toString(),
        info.policy(),
        info.budget(),
        rows.size(),
        resolved,
        rate,
        tokens,
        outcomes);
  }

  private static Map<String, Object> resultRow(EpisodeResult row) {
    TestCounts t = row.tests();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("instance_id", row.instanceId());
    out.put("workflow_id", row.workflowId());
    out.put("outcome", row.outcome());
    out.put("resolved", row.resolved());
    out.put("reason", row.reason());
    out.put("tokens_used", row.tokensUsed());
    out.put("tokens_at_submit", row.tokensAtSubmit() < 0 ? null : row.tokensAtSubmit());
    out.put("llm_calls", row.llmCalls());
    out.put("call_tokens", row.callTokens());
    out.put("deadline_extensions", row.deadlineExtensions());
    out.put("duration_s", row.durationS());
    out.put("fail_to_pass_passed", t.failToPassPassed());
    out.put("fail_to_pass_total", t.failToPassTotal());
    out.put("pass_to_pass_passed", t.passToPassPassed());
    out.put("pass_to_pass_total", t.passToPassTotal());
    out.put("flaky_tests", row.flakyTests());
    out.put("evidence", row.evidence());
    out.put("policy", row.policy());
    out.put("budget", row.budget());
    return out;
  }

  private static EpisodeResult missing(String id, RunInfo info) {
    return EpisodeResult.withoutResult(
        id,
        "",
        info.batchId(),
        info.policy(),
        info.budget(),
        Outcome.ERROR,
        "no result was recorded");
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void atomically(Path file, String content) throws IOException {
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    Files.writeString(temp, content);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
