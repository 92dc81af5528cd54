package dev.apex.activities.tasks;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** A task file that cannot be used; the message names the file, the line and the field. */
public final class TaskFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final int line;
  private final @Nullable String field;

  public TaskFileException(Path file, int line, @Nullable String field, String problem) {
    super(file + ":" + line + ": " + (field == null ? "" : field + ": ") + problem);
    this.file = file;
    this.line = line;
    this.field = field;
  }

  public Path file() {
    return file;
  }

  /** 1-based line number; 0 when the file as a whole is the problem. */
  public int line() {
    return line;
  }

  public @Nullable String field() {
    return field;
  }
}
