package dev.apex.backends.stub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/** Builds the smallest JSON instance a schema accepts: required properties with empty values. */
final class SchemaDefaults {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SchemaDefaults() {}

  static String instanceOf(String schema) {
    try {
      return JSON.writeValueAsString(instance(JSON.readTree(schema)));
    } catch (IOException e) {
      throw new IllegalArgumentException("schema is not JSON: " + e.getMessage(), e);
    }
  }

  static boolean isJson(String text) {
    try {
      JSON.readTree(text);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static JsonNode instance(JsonNode schema) {
    if (schema.has("const")) {
      return schema.get("const");
    }
    if (schema.has("enum") && schema.get("enum").size() > 0) {
      return schema.get("enum").get(0);
    }
    JsonNode any = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
    if (any != null && any.size() > 0) {
      return instance(any.get(0));
    }
    String type = schema.path("type").asText("object");
    return switch (type) {
      case "string" -> NODES.textNode("");
      case "integer", "number" -> NODES.numberNode(schema.path("minimum").asInt(0));
      case "boolean" -> NODES.booleanNode(false);
      case "array" -> emptyArray(schema);
      case "null" -> NODES.nullNode();
      default -> object(schema);
    };
  }

  private static ArrayNode emptyArray(JsonNode schema) {
    ArrayNode array = NODES.arrayNode();
    int min = schema.path("minItems").asInt(0);
    for (int i = 0; i < min; i++) {
      array.add(instance(schema.path("items")));
    }
    return array;
  }

  private static ObjectNode object(JsonNode schema) {
    ObjectNode node = NODES.objectNode();
    JsonNode properties = schema.path("properties");
    for (JsonNode required : schema.path("required")) {
      String name = required.asText();
      node.set(name, instance(properties.path(name)));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      if (!node.has(property.getKey()) && property.getValue().has("const")) {
        node.set(property.getKey(), property.getValue().get("const"));
      }
    }
    return node;
  }
}
