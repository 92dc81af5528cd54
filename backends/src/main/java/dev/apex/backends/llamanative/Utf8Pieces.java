package dev.apex.backends.llamanative;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns token pieces (UTF-8 bytes that may end inside a character) into text: each call returns the
 * characters completed so far and holds back a partial one. Not thread-safe.
 */
final class Utf8Pieces {

  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  /** The text {@code bytes} complete; empty while a character is still partial. */
  String add(byte[] bytes) {
    pending.writeBytes(bytes);
    byte[] all = pending.toByteArray();
    int whole = completeLength(all);
    pending.reset();
    pending.write(all, whole, all.length - whole);
    return new String(all, 0, whole, StandardCharsets.UTF_8);
  }

  /** Length of the longest prefix that does not end inside a multi-byte character. */
  static int completeLength(byte[] bytes) {
    int n = bytes.length;
    // A character is at most 4 bytes: look back at most 3 for the lead byte of the last one.
    for (int back = 1; back <= Math.min(4, n); back++) {
      int b = bytes[n - back] & 0xFF;
      if ((b & 0xC0) == 0x80) {
        continue; // continuation byte
      }
      int size = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      return back >= size ? n : n - back;
    }
    return n; // only continuation bytes: malformed, let the decoder replace them
  }
}
