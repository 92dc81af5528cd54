package dev.apex.activities.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxConfigTest {

  @Test
  void network_isOffUnlessAllowed() {
    assertThat(SandboxConfig.defaults(Map.of()).network()).isFalse();
    assertThat(SandboxConfig.defaults(Map.of("APEX_ALLOW_NETWORK", "0")).network()).isFalse();
    assertThat(SandboxConfig.defaults(Map.of("APEX_ALLOW_NETWORK", "1")).network()).isTrue();
    assertThat(SandboxConfig.defaults(Map.of("APEX_ALLOW_NETWORK", "true")).network()).isTrue();
  }

  @Test
  void network_rejectsAValueThatIsNotASwitch() {
    assertThatThrownBy(() -> SandboxConfig.defaults(Map.of("APEX_ALLOW_NETWORK", "maybe")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("APEX_ALLOW_NETWORK='maybe'");
  }

  @Test
  void unsandboxed_isRefusedUnlessAllowed() {
    assertThat(SandboxConfig.defaults(Map.of()).allowUnsandboxed()).isFalse();
    assertThat(SandboxConfig.defaults(Map.of("APEX_ALLOW_UNSANDBOXED", "1")).allowUnsandboxed())
        .isTrue();
    assertThatThrownBy(() -> SandboxConfig.defaults(Map.of("APEX_ALLOW_UNSANDBOXED", "please")))
        .hasMessageContaining("APEX_ALLOW_UNSANDBOXED='please'");
  }

  @Test
  void toolEnvDir_isConfigurableAndAbsolute() {
    assertThat(SandboxConfig.defaults(Map.of("APEX_TOOLENV_DIR", "/srv/apex-tools")).toolEnvDir())
        .hasToString("/srv/apex-tools");
    assertThat(SandboxConfig.defaults(Map.of()).toolEnvDir()).isAbsolute();
  }
}
