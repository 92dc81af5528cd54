package org.example.cmdline;

import java.util.ArrayList;
import java.util.List;

/** Splits command lines into arguments: whitespace separates, quotes group, backslash escapes. */
public final class ArgTokenizer {

  private ArgTokenizer() {}

  public static List<String> split(String line) {
    List<String> args = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inToken = false;
    char quote = 0;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '\\' && quote != '\'') {
        if (i + 1 < line.length()) {
          current.append(line.charAt(i + 1));
          inToken = true;
          i += 2;
        }
        continue;
      }
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inToken = true;
      } else if (Character.isWhitespace(c)) {
        if (inToken) {
          args.add(current.toString());
          current.setLength(0);
          inToken = false;
        }
      } else {
        current.append(c);
        inToken = true;
      }
      i++;
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unterminated " + quote + " quote");
    }
    if (inToken) {
      args.add(current.toString());
    }
    return args;
  }

  /** Quotes an argument so that {@link #split} gives it back unchanged. */
  public static String quote(String arg) {
    if (!arg.isEmpty() && arg.chars().noneMatch(ch -> " \t\n\"'\\".indexOf(ch) >= 0)) {
      return arg;
    }
    return "'" + arg.replace("'", "'\"'\"'") + "'";
  }
}
