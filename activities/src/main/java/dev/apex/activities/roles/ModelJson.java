package dev.apex.activities.roles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Reads a model's JSON answer leniently: anything unreadable becomes a missing node. */
final class ModelJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelJson() {}

  static JsonNode read(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      return node == null ? JSON.missingNode() : node;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }
}
