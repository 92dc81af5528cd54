package org.example.rangekit;

/** A closed range of integers: both {@code start} and {@code end} belong to it. */
public record IntRange(int start, int end) {

  public IntRange {
    if (end < start) {
      throw new IllegalArgumentException("end < start: " + start + ".." + end);
    }
  }

  /** Parses {@code "3..7"} or a single number {@code "5"}. */
  public static IntRange parse(String text) {
    String s = text.strip();
    int dots = s.indexOf("..");
    if (dots < 0) {
      int n = Integer.parseInt(s);
      return new IntRange(n, n);
    }
    return new IntRange(
        Integer.parseInt(s.substring(0, dots).strip()),
        Integer.parseInt(s.substring(dots + 2).strip()));
  }

  public boolean contains(int value) {
    return value >= start && value < end;
  }

  public int size() {
    return end - start + 1;
  }

  public boolean overlaps(IntRange other) {
    return start <= other.end && other.start <= end;
  }

  @Override
  public String toString() {
    return start + ".." + end;
  }
}
