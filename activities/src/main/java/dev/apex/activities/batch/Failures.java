package dev.apex.activities.batch;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/** Short causes of file-system failures for messages that name the path and why. */
public final class Failures {

  private Failures() {}

  /** "permission denied", "No space left on device", "read-only file system", ... */
  public static String cause(Exception e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    String message = e.getMessage();
    return message != null ? message : e.getClass().getSimpleName();
  }
}
