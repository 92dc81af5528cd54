package dev.apex.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.backends.BackendSettings;
import dev.apex.workflows.roles.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerConfigTest {

  @TempDir Path home;

  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void homeWithARolesConfig() throws IOException {
    Files.createDirectories(home.resolve("workers"));
    Files.writeString(
        home.resolve(WorkerConfig.ROLES_CONFIG),
        """
        {"defaults": {"backend": "llamacpp", "model": "models/small.gguf", "contextSize": 4096,
                      "threads": 0, "gpuLayers": -1, "slots": 1},
         "roles": {"coder": {"contextSize": 8192}, "critic": {"threads": 3, "cudaDevice": 1}}}
        """);
    env.put("APEX_HOME", home.toString());
  }

  @Test
  void forRole_emptyEnvironment_takesTheRolesConfigAndTheLocalDevServer() {
    WorkerConfig config = WorkerConfig.forRole(env, Role.CODER);

    assertThat(config.home()).isEqualTo(home.toAbsolutePath().normalize());
    assertThat(config.temporalAddress()).isEqualTo("127.0.0.1:7233");
    assertThat(config.namespace()).isEqualTo("default");
    assertThat(config.metricsPort()).isEqualTo(WorkerConfig.METRICS_PORT_BASE + 2);
    BackendSettings backend = backend(config);
    assertThat(backend.backend()).isEqualTo("llamacpp");
    assertThat(backend.modelPath()).isEqualTo(home.resolve("models/small.gguf"));
    assertThat(backend.contextSize()).isEqualTo(8192);
    assertThat(backend.threads())
        .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() / 5));
    assertThat(backend.gpuLayers()).isEqualTo(-1);
    assertThat(backend.slots()).isEqualTo(1);
    assertThat(backend.nativeLibPath()).isNull();
    assertThat(backend.cudaDevice()).isZero();
  }

  @Test
  void forRole_ownEntry_overridesTheDefaults() {
    BackendSettings critic = backend(WorkerConfig.forRole(env, Role.CRITIC));

    assertThat(critic.threads()).isEqualTo(3);
    assertThat(critic.cudaDevice()).isEqualTo(1);
    assertThat(critic.contextSize()).isEqualTo(4096);
  }

  @Test
  void forRole_environment_overridesTheRolesConfig() {
    env.put("APEX_LLM_BACKEND", "llama_cpp_cuda");
    env.put("APEX_GGUF_MODEL_PATH", "/models/other.gguf");
    env.put("APEX_THREADS", "4");
    env.put("APEX_WORKER_SLOTS", "2");
    env.put("APEX_LLAMA_LIB_PATH", "/opt/jllama-cuda");
    env.put("APEX_CUDA_DEVICE", "3");
    env.put("APEX_METRICS_PORT", "9999");
    env.put("TEMPORAL_ADDRESS", "temporal.example:7233");
    env.put("TEMPORAL_NAMESPACE", "evals");

    WorkerConfig config = WorkerConfig.forRole(env, Role.CRITIC);

    assertThat(config.temporalAddress()).isEqualTo("temporal.example:7233");
    assertThat(config.namespace()).isEqualTo("evals");
    assertThat(config.metricsPort()).isEqualTo(9999);
    BackendSettings backend = backend(config);
    assertThat(backend.backend()).isEqualTo("llama_cpp_cuda");
    assertThat(backend.modelPath()).isEqualTo(Path.of("/models/other.gguf"));
    assertThat(backend.threads()).isEqualTo(4);
    assertThat(backend.slots()).isEqualTo(2);
    assertThat(backend.nativeLibPath()).isEqualTo(Path.of("/opt/jllama-cuda"));
    assertThat(backend.cudaDevice()).isEqualTo(3);
  }

  @Test
  void forRole_relativeModelPath_resolvesAgainstHome() {
    env.put("APEX_GGUF_MODEL_PATH", "models/../models/x.gguf");

    assertThat(backend(WorkerConfig.forRole(env, Role.PLANNER)).modelPath())
        .isEqualTo(home.resolve("models/x.gguf"));
  }

  @Test
  void forRole_stubFlag_winsOverTheBackendName() {
    env.put("APEX_LLM_BACKEND", "llamacpp");
    env.put("APEX_LLM_STUB", "1");

    assertThat(backend(WorkerConfig.forRole(env, Role.RUNNER)).backend()).isEqualTo("stub");
  }

  @Test
  void forRole_stubScript_givesEachRoleItsOwnEntry() throws IOException {
    Files.writeString(
        home.resolve("stub.json"),
        """
        {"default": {"replies": ["plain"]}, "coder": {"replies": ["edit"], "tokenLatencyMs": 5}}
        """);
    env.put("APEX_LLM_STUB", "true");
    env.put("APEX_STUB_SCRIPT", "stub.json");

    assertThat(backend(WorkerConfig.forRole(env, Role.CODER)).stubScript().replies())
        .containsExactly("edit");
    assertThat(backend(WorkerConfig.forRole(env, Role.CODER)).stubScript().tokenLatencyMs())
        .isEqualTo(5);
    assertThat(backend(WorkerConfig.forRole(env, Role.PLANNER)).stubScript().replies())
        .containsExactly("plain");
  }

  @Test
  void forRole_otherRolesConfig_isReadFromApexRolesConfig() throws IOException {
    Files.writeString(
        home.resolve("mine.json"), "{\"defaults\": {\"model\": \"m.gguf\", \"slots\": 4}}");
    env.put("APEX_ROLES_CONFIG", "mine.json");

    BackendSettings backend = backend(WorkerConfig.forRole(env, Role.SUMMARIZER));

    assertThat(backend.modelPath()).isEqualTo(home.resolve("m.gguf"));
    assertThat(backend.slots()).isEqualTo(4);
    assertThat(backend.backend()).isEqualTo("llamacpp");
    assertThat(backend.contextSize()).isEqualTo(BackendSettings.DEFAULT_CONTEXT);
  }

  @Test
  void forRole_metricsPortBase_movesEveryRoleAlong() {
    env.put("APEX_METRICS_PORT_BASE", "9560");

    assertThat(WorkerConfig.forRole(env, Role.PLANNER).metricsPort()).isEqualTo(9561);
    assertThat(WorkerConfig.forRole(env, Role.SUMMARIZER).metricsPort()).isEqualTo(9565);
    assertThat(WorkerConfig.episodes(env).metricsPort()).isEqualTo(9560);
  }

  @Test
  void forRole_notANumber_namesTheVariable() {
    env.put("APEX_THREADS", "many");

    assertThatThrownBy(() -> WorkerConfig.forRole(env, Role.PLANNER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("APEX_THREADS must be a number, got 'many'");
  }

  @Test
  void episodes_hasNoModel() {
    assertThat(WorkerConfig.episodes(env).backend()).isNull();
  }

  @Test
  void metricsPort_isTheBasePlusOneToFive_inRoleOrder() {
    assertThat(Role.values())
        .extracting(role -> WorkerConfig.metricsPort(100, role))
        .containsExactly(101, 102, 103, 104, 105);
  }

  private static BackendSettings backend(WorkerConfig config) {
    return Objects.requireNonNull(config.backend());
  }
}
