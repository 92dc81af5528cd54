package dev.apex.workers.cli;

import org.jspecify.annotations.Nullable;

/** Input {@code apex eval} refuses before anything starts; carries a hint on what to do instead. */
final class BadInput extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final String hint;

  BadInput(@Nullable String message, String hint) {
    super(message);
    this.hint = hint;
  }
}
