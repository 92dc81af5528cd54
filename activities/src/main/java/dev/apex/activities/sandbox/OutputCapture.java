package dev.apex.activities.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a stream, keeping its first and last {@code keep} bytes and counting the rest; calls
 * {@code onCap} once when more than {@code cap} bytes arrive. Thread-safe: one thread drains, any
 * thread may take a snapshot.
 */
final class OutputCapture {

  private final long cap;
  private final byte[] head;
  private final byte[] tail;
  private final Runnable onCap;
  private int headLength;
  private long tailWritten;
  private long total;
  private boolean capped;

  OutputCapture(long cap, int keep, Runnable onCap) {
    this.cap = cap;
    this.head = new byte[keep];
    this.tail = new byte[keep];
    this.onCap = onCap;
  }

  /** Reads until end of stream or an I/O error (the process was killed). */
  void drain(InputStream in) {
    byte[] buffer = new byte[64 * 1024];
    try (in) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        if (append(buffer, n)) {
          onCap.run();
        }
      }
    } catch (IOException e) {
      // The stream closes under us when the process tree is killed; what we have is the output.
    }
  }

  /** Appends and returns true the first time the cap is passed. */
  private synchronized boolean append(byte[] bytes, int length) {
    int offset = 0;
    if (headLength < head.length) {
      int n = Math.min(length, head.length - headLength);
      System.arraycopy(bytes, 0, head, headLength, n);
      headLength += n;
      offset = n;
    }
    for (int i = offset; i < length; i++) {
      tail[(int) (tailWritten++ % tail.length)] = bytes[i];
    }
    total += length;
    if (total > cap && !capped) {
      capped = true;
      return true;
    }
    return false;
  }

  synchronized long total() {
    return total;
  }

  /** All output when it fit, else head, a marker naming the omitted byte count, and tail. */
  synchronized String text() {
    int tailLength = (int) Math.min(tailWritten, tail.length);
    byte[] last = new byte[tailLength];
    int start = (int) ((tailWritten - tailLength) % tail.length);
    for (int i = 0; i < tailLength; i++) {
      last[i] = tail[(start + i) % tail.length];
    }
    long omitted = tailWritten - tailLength;
    if (omitted == 0) {
      byte[] all = new byte[headLength + tailLength];
      System.arraycopy(head, 0, all, 0, headLength);
      System.arraycopy(last, 0, all, headLength, tailLength);
      return new String(all, StandardCharsets.UTF_8);
    }
    String first = new String(head, 0, headLength, StandardCharsets.UTF_8);
    String end = new String(last, StandardCharsets.UTF_8);
    return first + "\n[... " + omitted + " bytes omitted ...]\n" + end;
  }
}
