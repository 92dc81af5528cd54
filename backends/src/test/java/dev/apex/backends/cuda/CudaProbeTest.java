package dev.apex.backends.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CudaProbeTest {

  @Test
  void probe_onAnyMachine_answersWithoutThrowingAndTheSameEachTime() {
    CudaProbe probe = CudaProbe.probe();
    assertThat(CudaProbe.probe()).isSameAs(probe);
    if (probe.available()) {
      assertThat(probe.devices()).isNotEmpty();
      assertThat(probe.devices().get(0).totalBytes()).isPositive();
    } else {
      assertThat(probe.devices()).isEmpty();
      assertThat(probe.summary()).startsWith("no CUDA (").doesNotContain("\n");
    }
  }

  @Test
  void device_isFoundByOrdinal() {
    CudaDevice h100 =
        new CudaDevice(1, "NVIDIA H100 80GB HBM3", 9, 0, 85_000_000_000L, 84_000_000_000L);
    CudaProbe probe = new CudaProbe(List.of(h100), null);
    assertThat(probe.device(1)).contains(h100);
    assertThat(probe.device(0)).isEmpty();
    assertThat(h100.llamaDeviceName()).isEqualTo("CUDA1");
    assertThat(probe.summary())
        .isEqualTo("CUDA1 NVIDIA H100 80GB HBM3 (sm_90, 78.2/79.2 GiB free)");
  }

  @Test
  void devicesAndAbsence_areExclusive() {
    assertThatThrownBy(() -> new CudaProbe(List.of(), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(CudaProbe.none("macOS has no CUDA").summary())
        .isEqualTo("no CUDA (macOS has no CUDA)");
  }
}
