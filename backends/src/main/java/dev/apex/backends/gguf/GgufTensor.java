package dev.apex.backends.gguf;

import java.util.List;
import java.util.OptionalLong;

/**
 * One tensor's entry in the header.
 *
 * @param name tensor name, e.g. {@code blk.0.attn_q.weight}
 * @param dimensions element counts per dimension
 * @param type ggml type id
 * @param offset start of its data, relative to the tensor data section
 */
public record GgufTensor(String name, List<Long> dimensions, int type, long offset) {

  public GgufTensor {
    dimensions = List.copyOf(dimensions);
    if (offset < 0) {
      throw new IllegalArgumentException("offset < 0");
    }
  }

  public long elements() {
    long n = 1;
    for (long d : dimensions) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** Bytes of data, or empty for a ggml type this reader does not know. */
  public OptionalLong byteSize() {
    return GgmlType.byteSize(type, elements());
  }
}
