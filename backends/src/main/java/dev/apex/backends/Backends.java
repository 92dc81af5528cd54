package dev.apex.backends;

import dev.apex.backends.cuda.CudaProbe;
import dev.apex.backends.gguf.GgufFile;
import dev.apex.backends.llamacpp.LlamaCppBackend;
import dev.apex.backends.llamacpp.LlamaSettings;
import dev.apex.backends.llamanative.LlamaNativeBackend;
import dev.apex.backends.llamanative.NativeEngine;
import dev.apex.backends.memory.FleetFit;
import dev.apex.backends.memory.HostMemory;
import dev.apex.backends.memory.MemoryBudget;
import dev.apex.backends.memory.MemoryEstimate;
import dev.apex.backends.stub.StubBackend;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds a worker's backend from its settings: the one factory workers and {@link ModelCheck} use.
 *
 * <p>For llama.cpp every check that can fail cleanly runs before native code sees the file: it
 * exists, is a whole GGUF file, the device asked for is present, and model plus KV cache fit.
 */
public final class Backends {

  private Backends() {}

  /**
   * Opens the backend {@code settings} name.
   *
   * @throws PermanentBackendException with a one-line message when the model file is missing, not
   *     GGUF, truncated, does not fit in memory, or asks for a device that is not there
   */
  public static ModelBackend open(BackendSettings settings) {
    return switch (settings.choice().kind()) {
      case STUB -> new StubBackend(settings.stubScript());
      case LLAMACPP, NATIVE -> openLlamaCpp(settings);
    };
  }

  /**
   * Whether {@code workers}, started together on this machine, fit their memory pools (host RAM,
   * each GPU's free VRAM); stub workers need nothing. Model files are read but nothing is loaded.
   */
  public static FleetFit checkFleet(List<BackendSettings> workers) {
    Map<String, List<MemoryEstimate>> byPool = new LinkedHashMap<>();
    Map<String, MemoryBudget> budgets = new LinkedHashMap<>();
    for (BackendSettings asked : workers) {
      if (asked.choice().kind() == BackendChoice.Kind.STUB) {
        continue;
      }
      BackendSettings worker = withEngineDevice(asked, engineOf(asked));
      GgufFile header = header(worker);
      CudaProbe cuda = cudaFor(worker);
      Placement placement = Placement.resolve(worker, cuda);
      byPool
          .computeIfAbsent(placement.poolKey(), k -> new ArrayList<>())
          .add(estimate(header, worker, placement));
      budgets.computeIfAbsent(
          placement.poolKey(), k -> placement.budget(cuda, worker.cudaDevice()));
    }
    boolean fits = true;
    long needed = 0;
    long available = 0;
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, List<MemoryEstimate>> pool : byPool.entrySet()) {
      FleetFit fit = Objects.requireNonNull(budgets.get(pool.getKey())).fleet(pool.getValue());
      fits &= fit.fits();
      needed += fit.neededBytes();
      available += fit.availableBytes();
      lines.add(pool.getKey() + ": " + fit.message());
    }
    String message = lines.isEmpty() ? "no model workers" : String.join("; ", lines);
    return new FleetFit(fits, needed, available, message);
  }

  private static ModelBackend openLlamaCpp(BackendSettings asked) {
    NativeEngine engine = engineOf(asked);
    BackendSettings settings = withEngineDevice(asked, engine);
    GgufFile header = header(settings);
    CudaProbe cuda = cudaFor(settings);
    Placement placement = Placement.resolve(settings, cuda);
    MemoryEstimate need = estimate(header, settings, placement);
    if (placement.pool() == MemoryBudget.Pool.RAM
        && HostMemory.otherProcessMapping(header.path()).isPresent()) {
      // Another worker maps the same file: its pages are resident already and will be shared.
      need = need.withoutModel();
    }
    placement.budget(cuda, settings.cudaDevice()).require(need);
    LlamaSettings llama =
        new LlamaSettings(settings, placement.device(), CompletionRequest.DEFAULT_SEED, false);
    return engine != null
        ? LlamaNativeBackend.load(engine, llama, header, placement.deviceName())
        : LlamaCppBackend.load(llama, header, placement.deviceName());
  }

  /**
   * The native engine {@code settings} ask for (their native lib path, else the default location),
   * or null for the stock library.
   */
  private static @Nullable NativeEngine engineOf(BackendSettings settings) {
    if (settings.choice().kind() != BackendChoice.Kind.NATIVE) {
      return null;
    }
    Path dir = settings.nativeLibPath();
    return NativeEngine.read(dir != null ? dir : NativeEngine.locate(Map.of()));
  }

  /** For the native engine: its folder and an explicit device, so placement never guesses. */
  private static BackendSettings withEngineDevice(
      BackendSettings settings, @Nullable NativeEngine engine) {
    return engine == null
        ? settings
        : settings.withNativeLibPath(engine.dir()).withBackend(nativeDevice(settings, engine));
  }

  /**
   * The explicit {@code native_<device>} name for what was asked: {@code native} runs where the
   * engine was built for; an explicit device must match the engine's build.
   */
  private static String nativeDevice(BackendSettings settings, NativeEngine engine) {
    BackendChoice.Device asked = settings.choice().device();
    String built = engine.backend().toLowerCase(java.util.Locale.ROOT);
    if (asked == BackendChoice.Device.AUTO) {
      return "native_" + built;
    }
    String wanted = asked.name().toLowerCase(java.util.Locale.ROOT);
    if (!wanted.equals("cpu") && !wanted.equals(built)) {
      throw new PermanentBackendException(
          settings.backend()
              + " asked for, but the native engine at "
              + engine.dir()
              + " is a "
              + built
              + " build: run "
              + NativeEngine.BUILD_COMMAND
              + " on a machine with "
              + (wanted.equals("cuda") ? "nvcc" : "Metal"));
    }
    return "native_" + wanted;
  }

  /** Probes CUDA only where the answer matters, so CPU and Metal workers never load JCuda. */
  private static CudaProbe cudaFor(BackendSettings settings) {
    BackendChoice.Device device = settings.choice().device();
    boolean matters =
        device == BackendChoice.Device.CUDA
            || (device == BackendChoice.Device.AUTO && settings.nativeLibPath() != null);
    return matters ? CudaProbe.probe() : CudaProbe.none("not asked for");
  }

  private static MemoryEstimate estimate(
      GgufFile header, BackendSettings settings, Placement placement) {
    try {
      return MemoryEstimate.of(header, settings.contextSize(), placement.overheadBytes());
    } catch (IllegalArgumentException e) {
      throw new PermanentBackendException(String.valueOf(e.getMessage()), e);
    }
  }

  private static GgufFile header(BackendSettings settings) {
    Path path = settings.modelPath();
    if (path == null) {
      throw new PermanentBackendException(
          "no model file given: run "
              + DefaultModel.FETCH_SCRIPT
              + " or set "
              + DefaultModel.PATH_ENV);
    }
    try {
      return GgufFile.read(path);
    } catch (NoSuchFileException e) {
      throw new PermanentBackendException(
          "model file not found: "
              + path
              + " (run "
              + DefaultModel.FETCH_SCRIPT
              + " or set "
              + DefaultModel.PATH_ENV
              + ")",
          e);
    } catch (IOException e) {
      throw new PermanentBackendException(String.valueOf(e.getMessage()), e);
    }
  }
}
