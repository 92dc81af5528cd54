package dev.apex.backends.llamanative;

/** A failure reported by the JNI shim or llama.cpp behind it; thrown from native code. */
public final class NativeEngineException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NativeEngineException(String message) {
    super(message);
  }
}
