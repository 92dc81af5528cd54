package org.example.httpkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** HTTP header fields in arrival order; a name may carry several values. */
public final class Headers {

  private final Map<String, List<String>> fields = new LinkedHashMap<>();

  public void add(String name, String value) {
    fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
  }

  /** The first value of the field, or null. */
  public String get(String name) {
    List<String> values = fields.get(name);
    return values == null ? null : values.get(0);
  }

  public List<String> all(String name) {
    return List.copyOf(fields.getOrDefault(name, List.of()));
  }

  /** Field names as first received, for writing the headers back out. */
  public Set<String> names() {
    return fields.keySet();
  }
}
