package dev.apex.activities.edits;

/** One change the Coder asks for, to a path relative to the workspace root. */
public sealed interface Edit permits Edit.Replace, Edit.Write {

  String path();

  /** Replace the one occurrence of {@code search} in an existing file with {@code replace}. */
  record Replace(String path, String search, String replace) implements Edit {}

  /** Write the whole file, creating it (and its directories) if needed. */
  record Write(String path, String content) implements Edit {}
}
