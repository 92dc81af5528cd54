package dev.apex.backends.llamacpp;

import de.kherud.llama.LlamaModel;
import java.lang.reflect.Field;

/** Tells whether a {@link LlamaModel} holds a native context; java-llama.cpp has no such call. */
final class LoadCheck {

  private LoadCheck() {}

  static boolean isLoaded(LlamaModel model) {
    try {
      Field ctx = LlamaModel.class.getDeclaredField("ctx");
      ctx.setAccessible(true);
      return ctx.getLong(model) != 0;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot inspect LlamaModel.ctx in this java-llama.cpp version", e);
    }
  }
}
