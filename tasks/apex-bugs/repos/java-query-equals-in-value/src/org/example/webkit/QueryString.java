package org.example.webkit;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Parses and builds {@code application/x-www-form-urlencoded} query strings. */
public final class QueryString {

  private QueryString() {}

  /** Parameter name to its values, in order of appearance; a leading '?' is ignored. */
  public static Map<String, List<String>> parse(String query) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return params;
    }
    String q = query.startsWith("?") ? query.substring(1) : query;
    for (String pair : q.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] parts = pair.split("=");
      String name = decode(parts[0]);
      String value = parts.length > 1 ? decode(parts[1]) : "";
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  public static String build(Map<String, List<String>> params) {
    StringJoiner out = new StringJoiner("&");
    params.forEach(
        (name, values) -> values.forEach(value -> out.add(encode(name) + "=" + encode(value))));
    return out.toString();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
