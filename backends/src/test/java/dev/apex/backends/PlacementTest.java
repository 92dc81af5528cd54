package dev.apex.backends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.backends.cuda.CudaDevice;
import dev.apex.backends.cuda.CudaProbe;
import dev.apex.backends.llamacpp.LlamaSettings;
import dev.apex.backends.memory.MemoryBudget;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTest {

  private static final CudaProbe ONE_H100 =
      new CudaProbe(
          List.of(
              new CudaDevice(0, "NVIDIA H100 80GB HBM3", 9, 0, 85_000_000_000L, 84_000_000_000L)),
          null);
  private static final BackendSettings CUDA =
      BackendSettings.llamaCpp(Path.of("m.gguf"))
          .withBackend("llama_cpp_cuda")
          .withNativeLibPath(Path.of("/opt/jllama-cuda"));

  @Test
  void cuda_withDeviceAndCudaBuild_usesThatGpusVram() {
    Placement placement = Placement.resolve(CUDA, ONE_H100);
    assertThat(placement.device()).isEqualTo(LlamaSettings.Device.CUDA);
    assertThat(placement.deviceName()).isEqualTo("NVIDIA H100 80GB HBM3");
    assertThat(placement.budget(ONE_H100, 0))
        .isEqualTo(new MemoryBudget(MemoryBudget.Pool.VRAM, 84_000_000_000L));
  }

  @Test
  void cuda_withoutCudaBuild_saysWhatToConfigure() {
    assertThatThrownBy(() -> Placement.resolve(CUDA.withNativeLibPath(null), ONE_H100))
        .hasMessage(
            "CUDA asked for (backend llama_cpp_cuda) but no CUDA build of libjllama is configured"
                + " (native lib path; see docs/backends.md)");
  }

  @Test
  void cuda_pinnedToAMissingDevice_namesTheDevicesFound() {
    assertThatThrownBy(() -> Placement.resolve(CUDA.withCudaDevice(3), ONE_H100))
        .hasMessageStartingWith(
            "CUDA asked for (backend llama_cpp_cuda) but there is no device 3; found CUDA0");
  }

  @Test
  void cuda_noDriver_givesTheProbesReason() {
    assertThatThrownBy(() -> Placement.resolve(CUDA, CudaProbe.none("no NVIDIA driver")))
        .hasMessage("CUDA asked for (backend llama_cpp_cuda) but no CUDA (no NVIDIA driver)");
  }

  @Test
  void auto_withoutCudaBuild_fallsBackToCpu_evenWithAGpu() {
    Placement placement = Placement.resolve(BackendSettings.llamaCpp(Path.of("m.gguf")), ONE_H100);
    boolean appleSilicon =
        System.getProperty("os.name").startsWith("Mac")
            && System.getProperty("os.arch").equals("aarch64");
    assertThat(placement.device())
        .isEqualTo(appleSilicon ? LlamaSettings.Device.METAL : LlamaSettings.Device.CPU);
    assertThat(placement.pool()).isEqualTo(MemoryBudget.Pool.RAM);
  }

  @Test
  void seedAliases_stillResolve() {
    assertThat(BackendChoice.parse("llama_cpp_metal").device())
        .isEqualTo(BackendChoice.Device.METAL);
    assertThat(BackendChoice.parse("hf_cuda").device()).isEqualTo(BackendChoice.Device.CUDA);
  }
}
