package dev.apex.backends.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes small GGUF files for tests: chosen metadata, F32 tensors of chosen sizes. */
public final class SyntheticGguf {

  private final Map<String, Object> metadata = new LinkedHashMap<>();
  private final List<long[]> tensors = new ArrayList<>();
  private long cutBytes;

  /** A llama-shaped header with the given layer count, KV heads and head size. */
  public static SyntheticGguf llama(int blocks, int kvHeads, int headDim) {
    int heads = kvHeads * 2;
    return new SyntheticGguf()
        .put("general.architecture", "llama")
        .put("llama.context_length", 4096L)
        .put("llama.block_count", (long) blocks)
        .put("llama.embedding_length", (long) heads * headDim)
        .put("llama.attention.head_count", (long) heads)
        .put("llama.attention.head_count_kv", (long) kvHeads)
        .put("tokenizer.ggml.tokens", List.of("<s>", "</s>", "a", "b"))
        .put(
            "tokenizer.chat_template",
            "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n'"
                + " + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}")
        .tensor(1024);
  }

  public SyntheticGguf put(String key, Object value) {
    metadata.put(key, value);
    return this;
  }

  /** Adds an F32 tensor of {@code elements} elements. */
  public SyntheticGguf tensor(long elements) {
    tensors.add(new long[] {elements});
    return this;
  }

  /** Drops the last {@code bytes} bytes of the file, as an interrupted download would. */
  public SyntheticGguf cut(long bytes) {
    this.cutBytes = bytes;
    return this;
  }

  public Path writeTo(Path path) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write("GGUF".getBytes(StandardCharsets.US_ASCII));
    u32(out, 3);
    u64(out, tensors.size());
    u64(out, metadata.size());
    for (Map.Entry<String, Object> e : metadata.entrySet()) {
      string(out, e.getKey());
      value(out, e.getValue());
    }
    long offset = 0;
    for (int i = 0; i < tensors.size(); i++) {
      string(out, "t" + i + ".weight");
      u32(out, 1);
      u64(out, tensors.get(i)[0]);
      u32(out, 0);
      u64(out, offset);
      offset += align(tensors.get(i)[0] * 4);
    }
    while (out.size() % 32 != 0) {
      out.write(0);
    }
    out.write(new byte[(int) offset]);
    byte[] bytes = out.toByteArray();
    Files.write(path, java.util.Arrays.copyOf(bytes, (int) (bytes.length - cutBytes)));
    return path;
  }

  private static long align(long n) {
    return (n + 31) / 32 * 32;
  }

  private static void value(ByteArrayOutputStream out, Object value) throws IOException {
    switch (value) {
      case String s -> {
        u32(out, 8);
        string(out, s);
      }
      case Long n -> {
        u32(out, 4);
        u32(out, n.intValue());
      }
      case Boolean b -> {
        u32(out, 7);
        out.write(b ? 1 : 0);
      }
      case List<?> list -> {
        u32(out, 9);
        u32(out, 8);
        u64(out, list.size());
        for (Object item : list) {
          string(out, (String) item);
        }
      }
      default -> throw new IllegalArgumentException("unsupported value " + value);
    }
  }

  private static void string(ByteArrayOutputStream out, String s) throws IOException {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    u64(out, bytes.length);
    out.write(bytes);
  }

  private static void u32(ByteArrayOutputStream out, int v) {
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
  }

  private static void u64(ByteArrayOutputStream out, long v) {
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
  }
}
