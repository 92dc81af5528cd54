package dev.apex.backends.llamanative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.backends.BackendChoice;
import dev.apex.backends.PermanentBackendException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeEngineTest {

  @TempDir Path tmp;

  @Test
  void locate_engineVariableWinsOverTheHome() {
    assertThat(
            NativeEngine.locate(
                Map.of("APEX_NATIVE_ENGINE", "/opt/engine", "APEX_NATIVE_HOME", "/srv/native")))
        .isEqualTo(Path.of("/opt/engine"));
  }

  @Test
  void locate_homeVariable_usesItsCurrentLink() {
    assertThat(NativeEngine.locate(Map.of("APEX_NATIVE_HOME", "/srv/native")))
        .isEqualTo(Path.of("/srv/native/current"));
  }

  @Test
  void locate_nothingSet_usesTheCacheAsTheBuildScriptDoes() {
    assertThat(NativeEngine.locate(Map.of("XDG_CACHE_HOME", "/c")))
        .isEqualTo(Path.of("/c/apex/native/current"));
    assertThat(NativeEngine.locate(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".cache/apex/native/current"));
  }

  @Test
  void read_engineJson_givesVersionBackendAndInstructionSets() throws Exception {
    Files.writeString(
        tmp.resolve("engine.json"),
        """
        {"llama_cpp": "0c1e570", "backend": "cpu", "cpu_features": ["avx2", "avx512"],
         "cmake_flags": [], "build_seconds": 600}
        """);
    Files.createDirectories(tmp.resolve("lib"));
    Files.writeString(tmp.resolve("lib").resolve(NativeEngine.SHIM), "");
    NativeEngine engine = NativeEngine.read(tmp);
    assertThat(engine)
        .isEqualTo(new NativeEngine(tmp.toRealPath(), "0c1e570", "cpu", List.of("avx2", "avx512")));
    assertThat(engine.instructionSet()).isEqualTo("avx2 avx512");
  }

  @Test
  void read_noEngine_failsNamingTheBuildCommand() {
    assertThatThrownBy(() -> NativeEngine.read(tmp.resolve("nothing")))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessageEndingWith("run ./apex native build");
  }

  @Test
  void read_brokenEngineJson_failsNamingTheFile() throws Exception {
    Files.writeString(tmp.resolve("engine.json"), "{broken");
    Files.createDirectories(tmp.resolve("lib"));
    Files.writeString(tmp.resolve("lib").resolve(NativeEngine.SHIM), "");
    assertThatThrownBy(() -> NativeEngine.read(tmp))
        .isInstanceOf(PermanentBackendException.class)
        .hasMessageStartingWith(tmp.resolve("engine.json") + " cannot be read");
  }

  @Test
  void backendNames_selectTheNativeEngineOnEachDevice() {
    assertThat(BackendChoice.parse("native"))
        .isEqualTo(new BackendChoice(BackendChoice.Kind.NATIVE, BackendChoice.Device.AUTO));
    assertThat(BackendChoice.parse("native_cuda").device()).isEqualTo(BackendChoice.Device.CUDA);
    assertThat(BackendChoice.parse("native_metal").device()).isEqualTo(BackendChoice.Device.METAL);
    assertThat(BackendChoice.parse("NATIVE_CPU").device()).isEqualTo(BackendChoice.Device.CPU);
  }
}
