package dev.apex.backends;

/**
 * What a backend has loaded and where it runs.
 *
 * @param backend backend name, e.g. {@code stub} or {@code llamacpp}
 * @param deviceKind {@code cpu}, {@code metal}, {@code cuda} or {@code none}
 * @param deviceName human-readable device, e.g. the GPU's name
 * @param model model file or stub script name
 * @param contextSize context window in tokens
 */
public record ModelInfo(
    String backend, String deviceKind, String deviceName, String model, int contextSize) {}
