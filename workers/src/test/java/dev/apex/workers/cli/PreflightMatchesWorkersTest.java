package dev.apex.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.backends.BackendSettings;
import dev.apex.workers.RoleModels;
import dev.apex.workers.WorkerConfig;
import dev.apex.workers.testing.DevServer;
import dev.apex.workflows.batch.BatchInput;
import dev.apex.workflows.roles.Role;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code apex eval}'s pre-flight check approves exactly the backend and model the workers load. */
class PreflightMatchesWorkersTest {

  private static final Path HOME = DevServer.findRepoRoot(Path.of(""));

  /** Under the home, not under the tests' working directory ({@code workers/}). */
  private static final String RELATIVE_FILE = "workers/roles.json";

  @Test
  void relativeModelPath_isTheFileUnderHome_forThePreflightCheckAndTheWorkers() {
    Map<String, String> env = env("APEX_LLM_BACKEND", "llamacpp");
    env.put("APEX_GGUF_MODEL_PATH", RELATIVE_FILE);
    assertThat(Path.of(RELATIVE_FILE).toAbsolutePath()).doesNotExist();

    assertThat(input(env).policy()).isEqualTo("static_star");
    for (Role role : Role.values()) {
      assertThat(worker(env, role).modelPath()).isEqualTo(HOME.resolve(RELATIVE_FILE));
    }
  }

  @Test
  void relativeModelPathThatIsMissing_isRefusedNamingThePathTheWorkersWouldLoad() {
    Map<String, String> env = env("APEX_LLM_BACKEND", "llamacpp");
    env.put("APEX_GGUF_MODEL_PATH", "models/nope.gguf");

    assertThatThrownBy(() -> input(env))
        .isInstanceOf(BadInput.class)
        .hasMessage("model not found: " + worker(env, Role.PLANNER).modelPath());
    assertThat(worker(env, Role.PLANNER).modelPath()).isEqualTo(HOME.resolve("models/nope.gguf"));
  }

  @Test
  void stubSwitchTrue_needsNoModelInThePreflightCheck_andTheWorkersServeTheStub() {
    Map<String, String> env = env("APEX_LLM_STUB", "true");
    env.put("APEX_GGUF_MODEL_PATH", "/nope.gguf");

    assertThat(input(env).modelName()).isEqualTo("apex/stub/static_star");
    for (Role role : Role.values()) {
      assertThat(worker(env, role).backend()).isEqualTo("stub");
    }
  }

  @Test
  void backendFlag_winsOverTheStubSwitch_inThePreflightCheckAndTheWorkersItStarts() {
    Map<String, String> env = env("APEX_LLM_STUB", "1");
    env.put("APEX_GGUF_MODEL_PATH", "/nope.gguf");

    assertThatThrownBy(() -> input(env, "--backend", "llamacpp"))
        .hasMessage("model not found: /nope.gguf");
    Map<String, String> started = new HashMap<>(env);
    started.putAll(RoleModels.workerEnvFor("llamacpp"));
    assertThat(worker(started, Role.CODER).backend()).isEqualTo("llamacpp");
  }

  @Test
  void rolesConfigThatIsMissing_isRefusedNamingIt_evenWhenGradingGivenPatches() {
    Map<String, String> env = env("APEX_ROLES_CONFIG", "nope.json");

    assertThatThrownBy(() -> input(env, "--predictions", "gold"))
        .isInstanceOf(BadInput.class)
        .hasMessage("roles config not found: " + HOME.resolve("nope.json"));
  }

  private static Map<String, String> env(String name, String value) {
    Map<String, String> env = new HashMap<>();
    env.put("TEMPORAL_ADDRESS", "127.0.0.1:1");
    env.put("APEX_HOME", HOME.toString());
    env.put(name, value);
    return env;
  }

  private static BackendSettings worker(Map<String, String> env, Role role) {
    return Objects.requireNonNull(WorkerConfig.forRole(env, role).backend());
  }

  private static BatchInput input(Map<String, String> env, String... args) {
    EvalCommand command = new EvalCommand();
    command.env = env;
    new CommandLine(command).parseArgs(args);
    return command.input(HOME);
  }
}
