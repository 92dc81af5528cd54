package dev.apex.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.workers.testing.ApexLauncher;
import dev.apex.workers.testing.DevServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Through the launcher: {@code eval}'s pre-flight check and {@code model check} read {@code
 * APEX_LLM_STUB=true} as the workers do. Neither starts a server or a worker.
 */
class ModelSettingsIT {

  private static final Path HOME = DevServer.findRepoRoot(Path.of(""));

  @Test
  void eval_stubSwitchTrue_asksForNoModel_andStopsAtTheNextBadInput() {
    ApexLauncher.Run run =
        ApexLauncher.at(
                HOME,
                Map.of(
                    "TEMPORAL_ADDRESS", "127.0.0.1:1",
                    "APEX_LLM_STUB", "true",
                    "APEX_GGUF_MODEL_PATH", "/nope.gguf"))
            .run(Duration.ofMinutes(2), "eval", "--budget", "0");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.errLines().get(0)).isEqualTo("apex eval: --budget must be > 0, got 0");
  }

  @Test
  void modelCheck_stubSwitchTrue_checksTheStub_asTheWorkersWouldServeIt() {
    ApexLauncher.Run run =
        ApexLauncher.at(HOME, Map.of("APEX_LLM_STUB", "true", "APEX_GGUF_MODEL_PATH", "/nope.gguf"))
            .run(Duration.ofMinutes(2), "model", "check", "--role", "coder");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"backend\":\"stub\"");
  }
}
