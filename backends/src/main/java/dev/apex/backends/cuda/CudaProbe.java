package dev.apex.backends.cuda;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What CUDA offers this process: the devices, or why there are none.
 *
 * @param devices devices found, in ordinal order; empty when there is no CUDA
 * @param absence why there is no CUDA (no driver, macOS, no device), or null when there is
 */
public record CudaProbe(List<CudaDevice> devices, @Nullable String absence) {

  private static @Nullable CudaProbe cached;

  public CudaProbe {
    devices = List.copyOf(devices);
    if (devices.isEmpty() == (absence == null)) {
      throw new IllegalArgumentException("give devices or a reason for their absence");
    }
  }

  public static CudaProbe none(String reason) {
    return new CudaProbe(List.of(), reason);
  }

  /**
   * Probes once per process; later calls return the first answer, since a missing driver fails the
   * same way every time and JCuda's classes stay unusable after a failed load.
   */
  public static synchronized CudaProbe probe() {
    if (cached == null) {
      cached = probeNow();
    }
    return cached;
  }

  public boolean available() {
    return absence == null;
  }

  /** The device with this ordinal, if present. */
  public Optional<CudaDevice> device(int index) {
    return devices.stream().filter(d -> d.index() == index).findFirst();
  }

  /** One line: the devices, or "no CUDA (reason)". */
  public String summary() {
    return available()
        ? devices.stream().map(CudaDevice::toString).reduce((a, b) -> a + "; " + b).orElse("")
        : "no CUDA (" + absence + ")";
  }

  private static CudaProbe probeNow() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.contains("mac")) {
      return none("macOS has no CUDA");
    }
    try {
      return JCudaDevices.list();
    } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
      // No libcuda (no NVIDIA driver), or no JCuda natives for this platform.
      return none("no NVIDIA driver or JCuda natives: " + firstLine(e));
    } catch (IllegalStateException e) {
      return none(firstLine(e));
    }
  }

  static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  static CudaProbe of(List<CudaDevice> devices) {
    return devices.isEmpty() ? none("the driver reports no devices") : new CudaProbe(devices, null);
  }
}
