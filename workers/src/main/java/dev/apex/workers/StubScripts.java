package dev.apex.workers;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.backends.stub.StubScript;
import dev.apex.workflows.roles.Role;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Stub behaviour per role from a JSON file: {@code {"default": {...}, "coder": {"replies": [...],
 * "tokenLatencyMs": 5, "failFirstCalls": 1, "hangAfterTokens": 3, "hangCalls": 1}}}.
 */
final class StubScripts {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Spec(
      @Nullable List<String> replies,
      int promptLatencyMs,
      int tokenLatencyMs,
      int failFirstCalls,
      boolean failAlways,
      @Nullable Integer hangAfterTokens,
      int hangCalls) {

    StubScript toScript() {
      return new StubScript(
          replies == null || replies.isEmpty() ? List.of(StubScript.DEFAULT_REPLY) : replies,
          promptLatencyMs,
          tokenLatencyMs,
          failFirstCalls,
          failAlways,
          hangAfterTokens == null ? -1 : hangAfterTokens,
          hangCalls);
    }
  }

  private StubScripts() {}

  static StubScript forRole(@Nullable Path file, Role role) {
    if (file == null) {
      return StubScript.defaults();
    }
    Map<String, Spec> specs;
    try {
      specs =
          new ObjectMapper().readValue(file.toFile(), new TypeReference<Map<String, Spec>>() {});
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "stub script " + file + " is not valid: " + e.getMessage(), e);
    }
    Spec spec = specs.getOrDefault(role.id(), specs.get("default"));
    return spec == null ? StubScript.defaults() : spec.toScript();
  }
}
