package org.example.webkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryStringTest {

  @Test
  void repeatedNames() {
    assertEquals(Map.of("a", List.of("1", "2")), QueryString.parse("?a=1&a=2"));
  }

  @Test
  void emptyAndMissingValues() {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("a", List.of(""));
    expected.put("b", List.of(""));
    assertEquals(expected, QueryString.parse("a=&b&&"));
  }

  @Test
  void decoding() {
    assertEquals(List.of("hello world/é"), QueryString.parse("q=hello+world%2F%C3%A9").get("q"));
  }

  @Test
  void build() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    params.put("q", List.of("a b"));
    params.put("n", List.of("1", "2"));
    assertEquals("q=a+b&n=1&n=2", QueryString.build(params));
  }
}
