package dev.apex.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.backends.gguf.SyntheticGguf;
import dev.apex.backends.memory.FleetFit;
import dev.apex.backends.stub.StubBackend;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendsTest {

  @TempDir Path dir;

  @Test
  void open_stub_needsNoModel() {
    try (ModelBackend backend = Backends.open(BackendSettings.stub())) {
      assertThat(backend).isInstanceOf(StubBackend.class);
    }
  }

  @Test
  void checkFleet_fiveSmallWorkersOnOneFile_fitTheHostsRam() throws Exception {
    Path model = SyntheticGguf.llama(30, 3, 64).writeTo(dir.resolve("small.gguf"));
    BackendSettings worker =
        BackendSettings.llamaCpp(model).withBackend("llama_cpp_cpu").withContextSize(2048);
    FleetFit fit = Backends.checkFleet(Collections.nCopies(5, worker));
    assertThat(fit.fits()).as(fit.message()).isTrue();
    assertThat(fit.message())
        .startsWith("ram: 5 workers need ")
        .contains("each of 1 model files counted once");
  }

  @Test
  void checkFleet_hugeContexts_doNotFit_andStubWorkersNeedNothing() throws Exception {
    Path model = SyntheticGguf.llama(1000, 64, 128).writeTo(dir.resolve("big.gguf"));
    BackendSettings big =
        BackendSettings.llamaCpp(model).withBackend("llama_cpp_cpu").withContextSize(65_536);
    FleetFit fit = Backends.checkFleet(List.of(big, BackendSettings.stub()));
    assertThat(fit.fits()).isFalse();
    assertThat(fit.message()).startsWith("ram: 1 workers need 2000.");
    assertThat(Backends.checkFleet(List.of(BackendSettings.stub())).message())
        .isEqualTo("no model workers");
  }

  @Test
  void openAndCheckFleet_nativeWithoutAnEngine_nameTheBuildCommand() throws Exception {
    Path model = SyntheticGguf.llama(2, 2, 64).writeTo(dir.resolve("m.gguf"));
    BackendSettings settings =
        BackendSettings.builder("native")
            .modelPath(model)
            .nativeLibPath(dir.resolve("none"))
            .build();
    String expected =
        "no native engine at " + dir.resolve("none") + " (no engine.json): run ./apex native build";
    assertThatThrownBy(() -> Backends.open(settings))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessage(expected);
    assertThatThrownBy(() -> Backends.checkFleet(List.of(settings)))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessage(expected);
  }
}
