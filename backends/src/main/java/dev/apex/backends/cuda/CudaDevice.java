package dev.apex.backends.cuda;

/**
 * One CUDA device as the driver reports it.
 *
 * @param index CUDA ordinal as this process sees it (after {@code CUDA_VISIBLE_DEVICES})
 * @param name product name, e.g. {@code NVIDIA H100 80GB HBM3}
 * @param computeMajor compute capability, major part
 * @param computeMinor compute capability, minor part
 * @param totalBytes device memory
 * @param freeBytes device memory free when probed
 */
public record CudaDevice(
    int index, String name, int computeMajor, int computeMinor, long totalBytes, long freeBytes) {

  public CudaDevice {
    if (index < 0) {
      throw new IllegalArgumentException("index < 0");
    }
    if (freeBytes < 0 || totalBytes < freeBytes) {
      throw new IllegalArgumentException("free/total bytes out of range");
    }
  }

  /** llama.cpp's name for this device, for {@code --device}. */
  public String llamaDeviceName() {
    return "CUDA" + index;
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "CUDA%d %s (sm_%d%d, %.1f/%.1f GiB free)",
        index,
        name,
        computeMajor,
        computeMinor,
        freeBytes / (double) (1L << 30),
        totalBytes / (double) (1L << 30));
  }
}
