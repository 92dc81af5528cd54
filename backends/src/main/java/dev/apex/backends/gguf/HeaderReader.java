package dev.apex.backends.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/** Little-endian reads from a file channel that report a short file as a truncated GGUF. */
final class HeaderReader {

  private final FileChannel channel;
  private final long size;
  private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private long bufferStart;

  HeaderReader(FileChannel channel) throws IOException {
    this.channel = channel;
    this.size = channel.size();
    buffer.limit(0);
  }

  long position() {
    return bufferStart + buffer.position();
  }

  long size() {
    return size;
  }

  int u8() throws IOException {
    require(1);
    return buffer.get() & 0xff;
  }

  int i32() throws IOException {
    require(4);
    return buffer.getInt();
  }

  long i64() throws IOException {
    require(8);
    return buffer.getLong();
  }

  /** A u64 count or length that must fit in what is left of the file. */
  long count(long bytesPerItem) throws IOException {
    long n = i64();
    if (n < 0 || n > (size - position()) / Math.max(1, bytesPerItem)) {
      throw truncated();
    }
    return n;
  }

  String string() throws IOException {
    long length = count(1);
    if (length > Integer.MAX_VALUE - 8) {
      throw new GgufFormatException("corrupt GGUF: string of " + length + " bytes");
    }
    byte[] bytes = new byte[(int) length];
    int done = 0;
    while (done < bytes.length) {
      require(1);
      int n = Math.min(buffer.remaining(), bytes.length - done);
      buffer.get(bytes, done, n);
      done += n;
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  void skip(long bytes) throws IOException {
    if (bytes > size - position()) {
      throw truncated();
    }
    long target = position() + bytes;
    if (target <= bufferStart + buffer.limit()) {
      buffer.position((int) (target - bufferStart));
    } else {
      bufferStart = target;
      buffer.limit(0);
    }
  }

  GgufFormatException truncated() {
    return new GgufFormatException(
        "truncated GGUF: the header ends past the end of the file (" + size + " bytes)");
  }

  private void require(int bytes) throws IOException {
    if (buffer.remaining() >= bytes) {
      return;
    }
    long start = position();
    if (start + bytes > size) {
      throw truncated();
    }
    buffer.clear();
    bufferStart = start;
    channel.position(start);
    while (buffer.position() < bytes) {
      if (channel.read(buffer) < 0) {
        throw truncated();
      }
    }
    buffer.flip();
  }
}
