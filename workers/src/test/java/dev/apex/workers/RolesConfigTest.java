package dev.apex.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.workers.testing.DevServer;
import dev.apex.workflows.roles.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolesConfigTest {

  @TempDir Path dir;

  @Test
  void forRole_fieldsItLeavesOut_comeFromTheDefaults() throws IOException {
    RolesConfig config =
        write(
            """
            {"defaults": {"backend": "llamacpp", "model": "models/a.gguf", "contextSize": 4096,
                          "threads": 2, "gpuLayers": -1, "slots": 1},
             "roles": {"coder": {"model": "models/b.gguf", "contextSize": 8192, "slots": 2},
                       "critic": {"backend": "stub"}}}
            """);

    assertThat(config.forRole(Role.CODER))
        .isEqualTo(new RoleSettings("llamacpp", "models/b.gguf", 8192, 2, -1, 2, null));
    assertThat(config.forRole(Role.CRITIC))
        .isEqualTo(new RoleSettings("stub", "models/a.gguf", 4096, 2, -1, 1, null));
    assertThat(config.forRole(Role.PLANNER))
        .isEqualTo(new RoleSettings("llamacpp", "models/a.gguf", 4096, 2, -1, 1, null));
  }

  @Test
  void forRole_noDefaultsAndNoEntry_isEmpty() throws IOException {
    RolesConfig config = write("{\"roles\": {\"planner\": {\"cudaDevice\": 1}}}");

    assertThat(config.forRole(Role.PLANNER).cudaDevice()).isEqualTo(1);
    assertThat(config.forRole(Role.SUMMARIZER)).isEqualTo(RoleSettings.EMPTY);
  }

  @Test
  void load_unknownFields_areIgnored() throws IOException {
    RolesConfig config =
        write("{\"comment\": \"x\", \"defaults\": {\"model\": \"m.gguf\", \"flashAttention\": 1}}");

    assertThat(config.forRole(Role.RUNNER).model()).isEqualTo("m.gguf");
  }

  @Test
  void load_unknownRole_namesIt() throws IOException {
    Path file = dir.resolve("roles.json");
    Files.writeString(file, "{\"roles\": {\"reviewer\": {}}}");

    assertThatThrownBy(() -> RolesConfig.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown role")
        .hasMessageContaining("REVIEWER");
  }

  @Test
  void load_missingFile_saysWhere() {
    Path file = dir.resolve("nope.json");

    assertThatThrownBy(() -> RolesConfig.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("roles config not found: " + file);
  }

  @Test
  void load_brokenJson_saysItIsNotARolesConfig() throws IOException {
    Path file = dir.resolve("roles.json");
    Files.writeString(file, "{\"defaults\": ");

    assertThatThrownBy(() -> RolesConfig.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + ": not a valid roles config");
  }

  @Test
  void bundledConfig_pinsTheDefaultModelForEveryRole_withALargerContextForTheCoder() {
    Path bundled =
        DevServer.findRepoRoot(Path.of("").toAbsolutePath()).resolve(WorkerConfig.ROLES_CONFIG);
    RolesConfig config = RolesConfig.load(bundled);

    for (Role role : Role.values()) {
      RoleSettings settings = config.forRole(role);
      assertThat(settings.model()).isEqualTo("models/SmolLM2-135M-Instruct.Q4_1.gguf");
      assertThat(settings.slots()).isEqualTo(1);
      assertThat(settings.contextSize()).isEqualTo(role == Role.CODER ? 8192 : 4096);
    }
  }

  private RolesConfig write(String json) throws IOException {
    Path file = dir.resolve("roles.json");
    Files.writeString(file, json);
    return RolesConfig.load(file);
  }
}
