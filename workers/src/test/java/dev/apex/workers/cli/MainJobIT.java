package dev.apex.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.workers.testing.ApexLauncher;
import dev.apex.workers.testing.DevServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's main job, {@code ./apex eval}, with the default real model and every default but a
 * smaller task set and budget so CI can afford it: five llama.cpp workers come up warm, the episode
 * runs static_star for real, and the command prints a report and exits 0.
 */
class MainJobIT {

  private static final String TASK = "py-median-even";
  private static final Set<String> OUTCOMES =
      Set.of("RESOLVED", "UNRESOLVED", "BUDGET_EXHAUSTED", "TIMEOUT");

  @Test
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void eval_onDefaultsWithTheRealModel_completesAndPrintsAReport() throws Exception {
    DevServer server = DevServer.ensureRunning();
    // No model check here: eval fetches the default model itself when it is missing.
    Path runDir = server.repoRoot().resolve("workers/target/it-runs/main-" + UUID.randomUUID());
    long start = System.nanoTime();

    ApexLauncher.Run run =
        ApexLauncher.against(server)
            .with("APEX_LLM_BACKEND", "llamacpp")
            .run(
                Duration.ofMinutes(18),
                "eval",
                "--instance-ids",
                TASK,
                "--budget",
                "3000",
                "--out",
                runDir.toString());

    System.out.printf("main job on one task: %.0f s%n", (System.nanoTime() - start) / 1e9);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("started batch", "resolved (success@3000 = ", runDir.toString());
    List<String> rows = Files.readAllLines(runDir.resolve("results.jsonl"));
    assertThat(rows).hasSize(1);
    JsonNode row = new ObjectMapper().readTree(rows.get(0));
    assertThat(row.path("instance_id").asText()).isEqualTo(TASK);
    assertThat(row.path("outcome").asText()).as(row.toString()).isIn(OUTCOMES);
    assertThat(row.path("llm_calls").asInt()).as("the model was called").isPositive();
    assertThat(row.path("tokens_used").asInt()).isBetween(1, 3000);
    assertThat(runDir.resolve("report.json")).isRegularFile();
    assertThat(runDir.resolve("success_at_budget.svg")).isRegularFile();
  }
}
