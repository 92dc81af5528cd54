package dev.apex.workers;

import dev.apex.activities.batch.FileFingerprint;
import dev.apex.backends.BackendChoice;
import dev.apex.backends.BackendSettings;
import dev.apex.workflows.roles.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What each role's worker would generate with, as batch inputs: its backend, its model file's
 * fingerprint and the settings that change its output (context size, GPU layers, slots, the stub's
 * script). Threads are left out: they change speed, not replies.
 */
public final class ModelInputs {

  private ModelInputs() {}

  /** One entry per role, {@code model of coder}, as the workers started from {@code env} get it. */
  public static Map<String, String> of(Map<String, String> env, Path home) {
    Map<String, String> inputs = new TreeMap<>();
    for (Role role : Role.values()) {
      BackendSettings settings = WorkerConfig.backend(env, role, home);
      StringBuilder value = new StringBuilder(settings.backend());
      if (BackendChoice.parse(settings.backend()).kind() == BackendChoice.Kind.STUB) {
        String script = settings.stubScript().toString();
        value
            .append(" script ")
            .append(UUID.nameUUIDFromBytes(script.getBytes(StandardCharsets.UTF_8)));
      } else {
        Path model = settings.modelPath();
        value
            .append(' ')
            .append(model)
            .append(' ')
            .append(model != null && Files.isRegularFile(model) ? FileFingerprint.of(model) : "")
            .append(" context ")
            .append(settings.contextSize())
            .append(" gpuLayers ")
            .append(settings.gpuLayers())
            .append(" slots ")
            .append(settings.slots());
      }
      inputs.put("model of " + role.id(), value.toString());
    }
    return inputs;
  }
}
