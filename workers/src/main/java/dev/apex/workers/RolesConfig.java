package dev.apex.workers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.workflows.roles.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The roles config file: which model each role's worker pins, and how. Several roles may pin the
 * same file (their processes share its pages).
 *
 * <pre>{"defaults": {"backend": "llamacpp", "model": "models/x.gguf", "contextSize": 4096},
 *  "roles": {"coder": {"contextSize": 8192}}}</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RolesConfig(
    @Nullable RoleSettings defaults, @Nullable Map<String, RoleSettings> roles) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static RolesConfig load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("roles config not found: " + file);
    }
    try {
      RolesConfig config = JSON.readValue(file.toFile(), RolesConfig.class);
      if (config.roles() != null) {
        for (String name : config.roles().keySet()) {
          Role.parse(name);
        }
      }
      return config;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          file + ": unknown role in \"roles\": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": not a valid roles config: " + e.getMessage(), e);
    }
  }

  /** {@code role}'s settings over the file's defaults. */
  public RoleSettings forRole(Role role) {
    RoleSettings base = defaults != null ? defaults : RoleSettings.EMPTY;
    RoleSettings own = roles != null ? roles.get(role.id()) : null;
    if (own == null && roles != null) {
      own = roles.get(role.name().toLowerCase(Locale.ROOT));
    }
    return (own != null ? own : RoleSettings.EMPTY).over(base);
  }
}
