package org.example.textkit;

/** String helpers for fixed-width output. */
public final class Strings {

  private static final String ELLIPSIS = "...";

  private Strings() {}

  /** Shortens {@code s} to at most {@code maxLength} characters, ending with "..." when cut. */
  public static String truncate(String s, int maxLength) {
    if (maxLength < ELLIPSIS.length()) {
      throw new IllegalArgumentException("maxLength < 3");
    }
    if (s.length() <= maxLength) {
      return s;
    }
    return s.substring(0, maxLength - 2) + ELLIPSIS;
  }

  /** Pads {@code s} on the left with {@code pad} to {@code width} characters. */
  public static String padLeft(String s, int width, char pad) {
    StringBuilder out = new StringBuilder();
    for (int i = s.length(); i < width; i++) {
      out.append(pad);
    }
    return out.append(s).toString();
  }

  public static boolean isBlank(String s) {
    return s == null || s.strip().isEmpty();
  }
}
