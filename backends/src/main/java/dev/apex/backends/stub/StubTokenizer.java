package dev.apex.backends.stub;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits text into word, punctuation and whitespace-prefixed pieces that concatenate back. */
final class StubTokenizer {

  private static final Pattern TOKEN = Pattern.compile("\\s*(\\w+|[^\\w\\s])|\\s+");

  private StubTokenizer() {}

  static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  static int count(String text) {
    return pieces(text).size();
  }
}
