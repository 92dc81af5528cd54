package dev.apex.backends.gguf;

import java.util.List;

/**
 * A metadata array; long arrays (vocabularies, merges) keep only their first values.
 *
 * @param elementType GGUF value type of the elements
 * @param length number of elements in the file
 * @param head the first elements, at most {@link #HEAD}
 */
public record GgufArray(int elementType, long length, List<Object> head) {

  public static final int HEAD = 16;

  public GgufArray {
    if (length < 0) {
      throw new IllegalArgumentException("length < 0");
    }
    head = List.copyOf(head);
  }
}
