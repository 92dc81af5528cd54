package dev.apex.workers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * One role's model pinning, as the roles config file gives it; unset fields fall back to the file's
 * {@code defaults}, then to built-in defaults.
 *
 * @param backend backend name ({@code llamacpp}, {@code stub}, {@code llama_cpp_metal}, ...)
 * @param model GGUF file, relative to APEX's home or absolute
 * @param contextSize context window in tokens
 * @param threads CPU threads; 0 shares the cores among the five workers
 * @param gpuLayers layers offloaded to the GPU; -1 is the device default (all on Metal/CUDA)
 * @param slots LLM calls served at once
 * @param cudaDevice the GPU this role is pinned to
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoleSettings(
    @Nullable String backend,
    @Nullable String model,
    @Nullable Integer contextSize,
    @Nullable Integer threads,
    @Nullable Integer gpuLayers,
    @Nullable Integer slots,
    @Nullable Integer cudaDevice) {

  public static final RoleSettings EMPTY =
      new RoleSettings(null, null, null, null, null, null, null);

  /** These settings, with each unset field taken from {@code fallback}. */
  public RoleSettings over(RoleSettings fallback) {
    return new RoleSettings(
        backend != null ? backend : fallback.backend,
        model != null ? model : fallback.model,
        contextSize != null ? contextSize : fallback.contextSize,
        threads != null ? threads : fallback.threads,
        gpuLayers != null ? gpuLayers : fallback.gpuLayers,
        slots != null ? slots : fallback.slots,
        cudaDevice != null ? cudaDevice : fallback.cudaDevice);
  }
}
