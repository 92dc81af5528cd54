package dev.apex.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.backends.gguf.SyntheticGguf;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure {@code ./apex model check} must report as one clear line, before native code. */
class ModelCheckTest {

  @TempDir Path dir;

  private static AbstractThrowableAssert<?, ? extends Throwable> checking(
      BackendSettings settings) {
    return assertThatThrownBy(() -> ModelCheck.run(settings))
        .isInstanceOf(PermanentBackendException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void missingFile_saysNotFoundAndHowToFetch() {
    Path absent = dir.resolve("absent.gguf");
    checking(BackendSettings.llamaCpp(absent))
        .hasMessage(
            "model file not found: "
                + absent
                + " (run scripts/fetch-default-model.sh or set APEX_GGUF_MODEL_PATH)");
  }

  @Test
  void noModelPath_saysHowToGetOne() {
    checking(BackendSettings.llamaCpp(dir).withModelPath(null))
        .hasMessageStartingWith("no model file given");
  }

  @Test
  void notGguf_saysSo() throws Exception {
    Path text = Files.writeString(dir.resolve("model.gguf"), "<html>404 Not Found</html>\n");
    checking(BackendSettings.llamaCpp(text))
        .hasMessage("not a GGUF file: " + text + " does not start with 'GGUF'");
  }

  @Test
  void truncatedGguf_saysSoWithTheSizes() throws Exception {
    Path cut = SyntheticGguf.llama(4, 2, 16).cut(1000).writeTo(dir.resolve("cut.gguf"));
    checking(BackendSettings.llamaCpp(cut))
        .hasMessageStartingWith("truncated GGUF: " + cut + " has " + Files.size(cut) + " bytes");
  }

  @Test
  void contextTooLargeForMemory_refusesWithTheNumbers() throws Exception {
    Path big = SyntheticGguf.llama(1000, 64, 128).writeTo(dir.resolve("big.gguf"));
    checking(BackendSettings.llamaCpp(big).withContextSize(131_072))
        .hasMessageStartingWith(
            "not enough RAM for big.gguf: model 0.00 GiB + KV cache 4000.00 GiB (context 131072)")
        .hasMessageContaining("GiB available");
  }

  @Test
  void cudaAskedForWhereThereIsNone_saysWhy() throws Exception {
    Path model = SyntheticGguf.llama(2, 1, 8).writeTo(dir.resolve("m.gguf"));
    // Without a driver (CI, macOS) the probe's reason follows; with one, the missing CUDA build.
    checking(BackendSettings.llamaCpp(model).withBackend("llama_cpp_cuda"))
        .hasMessageStartingWith("CUDA asked for (backend llama_cpp_cuda) but ");
    checking(BackendSettings.llamaCpp(model).withBackend("hf_cuda"))
        .hasMessageStartingWith("CUDA asked for (backend hf_cuda) but ");
  }

  @Test
  void stub_reportsOneJsonLine() throws Exception {
    ModelCheckReport report = ModelCheck.run(BackendSettings.stub());
    String line = report.toString();
    assertThat(line).doesNotContain("\n");
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("backend").asText()).isEqualTo("stub");
    assertThat(json.get("completion_tokens").asInt()).isPositive();
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly(
            "backend",
            "device_kind",
            "device_name",
            "model_file",
            "load_ms",
            "warmup_ms",
            "prompt_tokens",
            "completion_tokens",
            "tokens_per_s",
            "rss_mb",
            "engine",
            "llama_cpp",
            "instruction_set");
    assertThat(json.get("engine").asText()).isEqualTo("none");
  }
}
