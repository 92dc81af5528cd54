package dev.apex.backends.gguf;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The header of a GGUF model file: metadata and tensor layout, checked to fit inside the file.
 *
 * @param path the file read
 * @param version GGUF format version (2 or 3)
 * @param metadata key → String, Long, Double, Boolean or {@link GgufArray}
 * @param tensors tensor entries in file order
 * @param dataOffset where the tensor data section starts
 * @param fileSize bytes in the file
 */
public record GgufFile(
    Path path,
    int version,
    Map<String, Object> metadata,
    List<GgufTensor> tensors,
    long dataOffset,
    long fileSize) {

  private static final int MAGIC = 0x46554747; // "GGUF" read little-endian
  private static final int DEFAULT_ALIGNMENT = 32;

  public GgufFile {
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    tensors = List.copyOf(tensors);
  }

  /**
   * Reads and checks the header of {@code path}.
   *
   * @throws NoSuchFileException when there is no such file
   * @throws GgufFormatException when it is not GGUF, or is cut short (tensor data past its end)
   */
  public static GgufFile read(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString(), null, "model file not found");
    }
    if (!Files.isRegularFile(path)) {
      throw new GgufFormatException("not a GGUF file: " + path + " is not a regular file");
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      HeaderReader in = new HeaderReader(channel);
      if (in.size() < 4 || in.i32() != MAGIC) {
        throw new GgufFormatException("not a GGUF file: " + path + " does not start with 'GGUF'");
      }
      int version = in.i32();
      if (version < 2 || version > 3) {
        throw new GgufFormatException("unsupported GGUF version " + version + " in " + path);
      }
      long tensorCount = in.count(24);
      long kvCount = in.count(12);
      Map<String, Object> metadata = new LinkedHashMap<>();
      for (long i = 0; i < kvCount; i++) {
        String key = in.string();
        metadata.put(key, GgufValues.read(in, in.i32()));
      }
      List<GgufTensor> tensors = new ArrayList<>();
      for (long i = 0; i < tensorCount; i++) {
        String name = in.string();
        int dims = in.i32();
        if (dims < 0 || dims > 8) {
          throw new GgufFormatException("corrupt GGUF: tensor " + name + " has " + dims + " dims");
        }
        List<Long> shape = new ArrayList<>(dims);
        for (int d = 0; d < dims; d++) {
          shape.add(in.i64());
        }
        tensors.add(new GgufTensor(name, shape, in.i32(), in.i64()));
      }
      long alignment =
          metadata.get("general.alignment") instanceof Long a && a > 0 ? a : DEFAULT_ALIGNMENT;
      long dataOffset = (in.position() + alignment - 1) / alignment * alignment;
      GgufFile file = new GgufFile(path, version, metadata, tensors, dataOffset, in.size());
      file.checkTensorsFit();
      return file;
    }
  }

  /** End of the last tensor's data, or of its start where its type is unknown. */
  public long dataEnd() {
    long end = dataOffset;
    for (GgufTensor tensor : tensors) {
      OptionalLong size = tensor.byteSize();
      end = Math.max(end, dataOffset + tensor.offset() + size.orElse(0));
    }
    return end;
  }

  /** Bytes of tensor data: what a loaded model maps or copies. */
  public long tensorBytes() {
    return Math.max(0, dataEnd() - dataOffset);
  }

  public String architecture() {
    return string("general.architecture")
        .orElseThrow(() -> new IllegalStateException("no general.architecture in " + path));
  }

  public Optional<String> string(String key) {
    return metadata.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  public OptionalLong number(String key) {
    return metadata.get(key) instanceof Long n ? OptionalLong.of(n) : OptionalLong.empty();
  }

  /** A number under the architecture's prefix, e.g. {@code archNumber("block_count")}. */
  public OptionalLong archNumber(String suffix) {
    return string("general.architecture")
        .map(a -> number(a + "." + suffix))
        .orElse(OptionalLong.empty());
  }

  public OptionalLong contextLength() {
    return archNumber("context_length");
  }

  public OptionalLong blockCount() {
    return archNumber("block_count");
  }

  public OptionalLong embeddingLength() {
    return archNumber("embedding_length");
  }

  public OptionalLong headCount() {
    return archNumber("attention.head_count");
  }

  /** KV heads; equal to {@link #headCount} for models without grouped-query attention. */
  public OptionalLong headCountKv() {
    OptionalLong kv = archNumber("attention.head_count_kv");
    return kv.isPresent() ? kv : headCount();
  }

  public Optional<String> chatTemplate() {
    return string("tokenizer.chat_template");
  }

  private void checkTensorsFit() throws GgufFormatException {
    long end = dataEnd();
    if (end > fileSize) {
      throw new GgufFormatException(
          "truncated GGUF: "
              + path
              + " has "
              + fileSize
              + " bytes but its tensor data ends at byte "
              + end
              + " (download incomplete?)");
    }
  }
}
