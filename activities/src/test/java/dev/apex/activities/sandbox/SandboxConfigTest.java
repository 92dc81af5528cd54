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
}
