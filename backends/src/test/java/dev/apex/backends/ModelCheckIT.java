package dev.apex.backends;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code ./apex model check} on the real default model, in its own JVM. */
class ModelCheckIT {

  @Test
  void defaultModel_loadsWarmsUpGeneratesAndReportsOneJsonLine() throws Exception {
    ModelCheckReport report = ModelCheck.run(TestModels.defaultLlamaCpp());
    System.err.println(report);
    JsonNode json = new ObjectMapper().readTree(report.toString());
    assertThat(json.get("backend").asText()).isEqualTo("llamacpp");
    assertThat(json.get("device_kind").asText()).isEqualTo(TestModels.expectedDeviceKind());
    assertThat(json.get("model_file").asText()).endsWith(DefaultModel.RELATIVE_PATH);
    assertThat(json.get("load_ms").asLong()).isPositive();
    assertThat(json.get("prompt_tokens").asInt()).isGreaterThan(10);
    assertThat(json.get("completion_tokens").asInt()).isBetween(2, 32);
    assertThat(json.get("tokens_per_s").asDouble()).isPositive();
    // 98 MB of weights mapped, plus the JVM: well under a gigabyte.
    assertThat(json.get("rss_mb").asLong()).isBetween(100L, 1024L);
  }
}
