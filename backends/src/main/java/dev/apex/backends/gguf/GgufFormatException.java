package dev.apex.backends.gguf;

import java.io.IOException;

/** A file that is not a GGUF model, or one that is cut short or corrupt. */
public final class GgufFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  public GgufFormatException(String message) {
    super(message);
  }
}
