package dev.apex.backends;

import dev.apex.backends.cuda.CudaDevice;
import dev.apex.backends.cuda.CudaProbe;
import dev.apex.backends.llamacpp.LlamaSettings;
import dev.apex.backends.memory.HostMemory;
import dev.apex.backends.memory.MemoryBudget;
import dev.apex.backends.memory.MemoryEstimate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a llama.cpp worker's model will live: the resolved device, its name, and whose memory it
 * uses.
 *
 * @param device CPU, METAL or CUDA
 * @param deviceName human-readable device
 * @param pool RAM or VRAM
 * @param poolKey key telling pools apart, e.g. {@code ram} or {@code cuda:0}
 * @param overheadBytes fixed per-process allowance on this device
 */
record Placement(
    LlamaSettings.Device device,
    String deviceName,
    MemoryBudget.Pool pool,
    String poolKey,
    long overheadBytes) {

  /** Resolves {@code settings}' requested device against what this machine has. */
  static Placement resolve(BackendSettings settings, CudaProbe cuda) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    boolean mac = os.contains("mac");
    boolean appleSilicon = mac && System.getProperty("os.arch", "").equals("aarch64");
    BackendChoice.Device asked = settings.choice().device();
    return switch (asked) {
      case CUDA -> cuda(settings, cuda);
      case METAL -> {
        if (!appleSilicon) {
          throw new PermanentBackendException(
              "Metal asked for (backend "
                  + settings.backend()
                  + ") but this is not an Apple Silicon Mac");
        }
        yield metal();
      }
      case CPU -> cpu();
      case AUTO -> {
        if (appleSilicon) {
          yield metal();
        }
        yield cuda.available() && settings.nativeLibPath() != null ? cuda(settings, cuda) : cpu();
      }
    };
  }

  /** The memory this placement draws on, as much as is free now. */
  MemoryBudget budget(CudaProbe cuda, int cudaDevice) {
    if (pool == MemoryBudget.Pool.VRAM) {
      long free = cuda.device(cudaDevice).map(CudaDevice::freeBytes).orElse(0L);
      return new MemoryBudget(pool, free);
    }
    return HostMemory.ramBudget();
  }

  private static Placement cuda(BackendSettings settings, CudaProbe cuda) {
    String asked = "CUDA asked for (backend " + settings.backend() + ") but ";
    if (!cuda.available()) {
      throw new PermanentBackendException(asked + cuda.summary());
    }
    CudaDevice device =
        cuda.device(settings.cudaDevice())
            .orElseThrow(() ->
                new PermanentBackendException(
                    asked
                        + "there is no device "
                        + settings.cudaDevice()
                        + "; found "
                        + cuda.summary()));
    if (settings.nativeLibPath() == null) {
      throw new PermanentBackendException(
          asked
              + "no CUDA build of libjllama is configured (native lib path; see docs/backends.md)");
    }
    if (settings.gpuLayers() == 0) {
      return new Placement(
          LlamaSettings.Device.CUDA,
          device.toString(),
          MemoryBudget.Pool.RAM,
          "ram",
          MemoryEstimate.HOST_OVERHEAD);
    }
    return new Placement(
        LlamaSettings.Device.CUDA,
        device.name(),
        MemoryBudget.Pool.VRAM,
        "cuda:" + device.index(),
        MemoryEstimate.CUDA_OVERHEAD);
  }

  private static Placement metal() {
    return new Placement(
        LlamaSettings.Device.METAL,
        "Apple GPU (Metal)",
        MemoryBudget.Pool.RAM,
        "ram",
        MemoryEstimate.HOST_OVERHEAD);
  }

  private static Placement cpu() {
    return new Placement(
        LlamaSettings.Device.CPU,
        cpuName(),
        MemoryBudget.Pool.RAM,
        "ram",
        MemoryEstimate.HOST_OVERHEAD);
  }

  private static String cpuName() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    try {
      if (Files.isReadable(cpuinfo)) {
        Optional<String> name =
            Files.readAllLines(cpuinfo, StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst();
        if (name.isPresent()) {
          return name.get();
        }
      }
    } catch (IOException e) {
      // Fall through to the architecture.
    }
    return System.getProperty("os.arch", "unknown") + " CPU";
  }
}
