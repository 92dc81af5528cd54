package org.example.minijson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  @Test
  void scalars() {
    assertEquals("null", JsonWriter.toJson(null));
    assertEquals("42", JsonWriter.toJson(42));
    assertEquals("true", JsonWriter.toJson(true));
  }

  @Test
  void quotesAndBackslashes() {
    assertEquals("\"say \\\"hi\\\" \\\\o/\"", JsonWriter.quote("say \"hi\" \\o/"));
  }

  @Test
  void newlineAndTab() {
    assertEquals("\"a\\nb\\tc\"", JsonWriter.quote("a\nb\tc"));
  }

  @Test
  void nested() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("name", "x");
    map.put("tags", Arrays.asList("a", null));
    assertEquals("{\"name\":\"x\",\"tags\":[\"a\",null]}", JsonWriter.toJson(map));
  }

  @Test
  void unsupportedType() {
    assertThrows(IllegalArgumentException.class, () -> JsonWriter.toJson(List.of(new Object())));
  }
}
