package dev.apex.activities.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What a batch input file is, as a short string that changes when the file does. */
public final class FileFingerprint {

  /** Files up to this size are hashed whole. */
  static final long WHOLE_FILE_LIMIT = 64L << 20;

  /** How much of each end of a larger file is hashed. */
  static final int EDGE = 1 << 20;

  private FileFingerprint() {}

  /**
   * {@code sha256:HEX} of the content for task files, predictions and configs. A larger file (a
   * GGUF model of several GB, which would take seconds to minutes to hash at every eval) is taken
   * by its path, size, modification time and its first and last MiB: the first holds the GGUF
   * header (metadata and tensor index), and replacing or re-quantizing a model changes its size,
   * its time and those bytes; {@code edges:HEX} says which kind it is.
   */
  public static String of(Path file) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      long size = Files.size(file);
      if (size <= WHOLE_FILE_LIMIT) {
        try (InputStream in = Files.newInputStream(file)) {
          byte[] buffer = new byte[1 << 16];
          for (int n; (n = in.read(buffer)) > 0; ) {
            sha.update(buffer, 0, n);
          }
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
      }
      sha.update(
          (file.toAbsolutePath() + "|" + size + "|" + Files.getLastModifiedTime(file).toMillis())
              .getBytes(StandardCharsets.UTF_8));
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        sha.update(read(channel, 0));
        sha.update(read(channel, size - EDGE));
      }
      return "edges:" + HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ByteBuffer read(FileChannel channel, long at) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(EDGE);
    while (buffer.hasRemaining() && channel.read(buffer, at + buffer.position()) > 0) {
      // read until full or at the end
    }
    return buffer.flip();
  }
}
