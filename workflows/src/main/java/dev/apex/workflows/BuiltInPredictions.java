package dev.apex.workflows;

import java.util.Locale;
import java.util.Optional;

/**
 * The predictions a batch can grade without a file: each task's gold patch, or an empty one. {@code
 * --predictions} and the inputs carry the {@link #id()}; anything else names a file.
 */
public enum BuiltInPredictions {
  GOLD,
  EMPTY;

  /** The name {@code --predictions} takes: {@code gold}, {@code empty}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The built-in predictions {@code value} names, or empty when it names a file. */
  public static Optional<BuiltInPredictions> named(String value) {
    for (BuiltInPredictions predictions : values()) {
      if (predictions.id().equals(value)) {
        return Optional.of(predictions);
      }
    }
    return Optional.empty();
  }
}
