package dev.apex.backends.llamanative;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON schema translated to a GBNF grammar for llama.cpp's grammar sampler (llama.cpp's own
 * translator lives in its C++ {@code common} library, which the engine does not ship).
 *
 * <p>Covers what APEX's roles ask for: objects with required and optional properties, arrays with
 * {@code items}, {@code minItems}, {@code maxItems}, {@code anyOf}/{@code oneOf}, {@code enum},
 * {@code const}, strings (with {@code maxLength}), numbers, integers, booleans, null, and any JSON
 * where no type is given. Properties come in the schema's order; unknown keywords are ignored;
 * {@code $ref} is refused. Output is compact JSON (at most one space between tokens), which keeps
 * small models from filling their budget with whitespace.
 */
final class JsonSchemaGrammar {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> PRIMITIVES =
      Map.of(
          "space", "\" \"?",
          "char", "[^\"\\\\\\x7F\\x00-\\x1F] | [\\\\] ([\"\\\\/bfnrt] | \"u\" [0-9a-fA-F]{4})",
          "string", "\"\\\"\" char* \"\\\"\" space",
          "boolean", "(\"true\" | \"false\") space",
          "integer", "\"-\"? ([0-9] | [1-9] [0-9]{0,15}) space",
          "number", "\"-\"? ([0-9] | [1-9] [0-9]{0,15}) (\".\" [0-9]+)? ([eE] [-+]? [0-9]+)? space",
          "null", "\"null\" space",
          "value", "object | array | string | number | boolean | null",
          "object",
              "\"{\" space (string \":\" space value (\",\" space string \":\" space value)*)?"
                  + " \"}\" space",
          "array", "\"[\" space (value (\",\" space value)*)? \"]\" space");

  private final Map<String, String> rules = new LinkedHashMap<>();

  private JsonSchemaGrammar() {}

  /**
   * The grammar for {@code schema}, with root rule {@code root}.
   *
   * @throws IllegalArgumentException when {@code schema} is not JSON or uses {@code $ref}
   */
  static String toGbnf(String schema) {
    JsonNode node;
    try {
      node = JSON.readTree(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("jsonSchema is not JSON: " + e.getOriginalMessage(), e);
    }
    JsonSchemaGrammar grammar = new JsonSchemaGrammar();
    grammar.rules.put("root", "");
    grammar.primitive("space");
    grammar.rules.put("root", grammar.expression(node, "root"));
    StringBuilder out = new StringBuilder();
    grammar.rules.forEach(
        (name, body) -> out.append(name).append(" ::= ").append(body).append('\n'));
    return out.toString();
  }

  /** A GBNF expression matching {@code schema}; named sub-rules are added under {@code name}. */
  private String expression(JsonNode schema, String name) {
    if (schema.has("$ref")) {
      throw new IllegalArgumentException("jsonSchema: $ref is not supported (" + name + ")");
    }
    if (schema.has("const")) {
      return literal(schema.get("const").toString()) + " space";
    }
    if (schema.has("enum")) {
      List<String> values = new ArrayList<>();
      schema.get("enum").forEach(v -> values.add(literal(v.toString())));
      return "(" + String.join(" | ", values) + ") space";
    }
    for (String key : List.of("anyOf", "oneOf")) {
      if (schema.has(key)) {
        List<String> alternatives = new ArrayList<>();
        JsonNode options = schema.get(key);
        for (int i = 0; i < options.size(); i++) {
          alternatives.add(rule(name + "-" + i, expression(options.get(i), name + "-" + i)));
        }
        return String.join(" | ", alternatives);
      }
    }
    JsonNode type = schema.get("type");
    if (type != null && type.isArray()) {
      List<String> alternatives = new ArrayList<>();
      type.forEach(t -> alternatives.add(typed(t.asText(), schema, name + "-" + t.asText())));
      return String.join(" | ", alternatives);
    }
    return typed(type == null ? inferredType(schema) : type.asText(), schema, name);
  }

  private String typed(String type, JsonNode schema, String name) {
    return switch (type) {
      case "object" -> schema.has("properties") ? object(schema, name) : primitive("object");
      case "array" -> array(schema, name);
      case "string" -> string(schema);
      case "boolean", "integer", "number", "null" -> primitive(type);
      case "any" -> primitive("value");
      default -> throw new IllegalArgumentException("jsonSchema: unknown type '" + type + "'");
    };
  }

  private static String inferredType(JsonNode schema) {
    if (schema.has("properties")) {
      return "object";
    }
    return schema.has("items") ? "array" : "any";
  }

  private String object(JsonNode schema, String name) {
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    List<String> mandatory = new ArrayList<>();
    List<String> optional = new ArrayList<>();
    schema
        .get("properties")
        .properties()
        .forEach(property -> {
          String key = property.getKey();
          String value = rule(name + "-" + key, expression(property.getValue(), name + "-" + key));
          String pair = literal(JSON.valueToTree(key).toString()) + " space \":\" space " + value;
          (required.contains(key) ? mandatory : optional).add(pair);
        });
    String body;
    if (!mandatory.isEmpty()) {
      StringBuilder b = new StringBuilder(String.join(" \",\" space ", mandatory));
      optional.forEach(pair -> b.append(" (\",\" space ").append(pair).append(")?"));
      body = b.toString();
    } else if (!optional.isEmpty()) {
      List<String> starts = new ArrayList<>();
      for (int i = 0; i < optional.size(); i++) {
        StringBuilder b = new StringBuilder(optional.get(i));
        optional
            .subList(i + 1, optional.size())
            .forEach(pair -> b.append(" (\",\" space ").append(pair).append(")?"));
        starts.add(b.toString());
      }
      body = "(" + String.join(" | ", starts) + ")?";
    } else {
      body = "";
    }
    return "\"{\" space " + body + " \"}\" space";
  }

  private String array(JsonNode schema, String name) {
    String item =
        schema.has("items")
            ? rule(name + "-item", expression(schema.get("items"), name + "-item"))
            : primitive("value");
    int min = schema.path("minItems").asInt(0);
    int max = schema.has("maxItems") ? schema.get("maxItems").asInt() : -1;
    if (max == 0) {
      return "\"[\" space \"]\" space";
    }
    String more = max < 0 ? "*" : "{0," + (max - 1) + "}";
    if (min > 1) {
      more = "{" + (min - 1) + "," + (max < 0 ? "" : String.valueOf(max - 1)) + "}";
    }
    String items = item + " (\",\" space " + item + ")" + more;
    return "\"[\" space " + (min == 0 ? "(" + items + ")?" : items) + " \"]\" space";
  }

  private String string(JsonNode schema) {
    if (!schema.has("maxLength") && !schema.has("minLength")) {
      return primitive("string");
    }
    primitive("char");
    int min = schema.path("minLength").asInt(0);
    String max = schema.has("maxLength") ? String.valueOf(schema.get("maxLength").asInt()) : "";
    return "\"\\\"\" char{" + min + "," + max + "} \"\\\"\" space";
  }

  /** Adds a built-in rule (and those it uses) and returns its name. */
  private String primitive(String name) {
    if (!rules.containsKey(name)) {
      String body = java.util.Objects.requireNonNull(PRIMITIVES.get(name), name);
      rules.put(name, body);
      for (String used : PRIMITIVES.keySet()) {
        if (!used.equals(name) && body.matches(".*\\b" + used + "\\b.*")) {
          primitive(used);
        }
      }
    }
    return name;
  }

  /** Names {@code body} as a rule and returns the name (rule names: letters, digits, dashes). */
  private String rule(String name, String body) {
    String clean = name.replaceAll("[^A-Za-z0-9-]", "-");
    String unique = clean;
    for (int i = 2; rules.containsKey(unique) && !body.equals(rules.get(unique)); i++) {
      unique = clean + i;
    }
    rules.put(unique, body);
    return unique;
  }

  /** A GBNF string literal for {@code text}. */
  private static String literal(String text) {
    return '"'
        + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r")
        + '"';
  }
}
