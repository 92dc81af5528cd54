package dev.apex.backends;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What {@link ModelCheck} measured; {@link #toString()} is one JSON line.
 *
 * @param backend backend name, e.g. {@code llamacpp}
 * @param deviceKind {@code cpu}, {@code metal} or {@code cuda}
 * @param deviceName the device's name
 * @param modelFile the model file loaded
 * @param loadMs time to open the backend, checks included
 * @param warmupMs time of the warmup inference
 * @param promptTokens prompt tokens of the short generation
 * @param completionTokens completion tokens of the short generation
 * @param tokensPerS decode speed of the short generation, first token excluded
 * @param rssMb resident memory of this process afterwards, MiB (-1 when unknown)
 * @param engine the inference engine: its build, llama.cpp version and instruction sets
 */
public record ModelCheckReport(
    String backend,
    String deviceKind,
    String deviceName,
    String modelFile,
    long loadMs,
    long warmupMs,
    int promptTokens,
    int completionTokens,
    double tokensPerS,
    long rssMb,
    ModelInfo.Engine engine) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One line of JSON with snake_case keys. */
  public String toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("backend", backend);
    node.put("device_kind", deviceKind);
    node.put("device_name", deviceName);
    node.put("model_file", modelFile);
    node.put("load_ms", loadMs);
    node.put("warmup_ms", warmupMs);
    node.put("prompt_tokens", promptTokens);
    node.put("completion_tokens", completionTokens);
    node.put("tokens_per_s", Math.round(tokensPerS * 10) / 10.0);
    node.put("rss_mb", rssMb);
    node.put("engine", engine.name());
    node.put("llama_cpp", engine.llamaCpp());
    node.put("instruction_set", engine.instructionSet());
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return toJson();
  }
}
