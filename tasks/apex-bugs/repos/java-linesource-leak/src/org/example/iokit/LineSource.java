package org.example.iokit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads lines from a source that is opened afresh for every call. Every method closes the reader
 * it opened before returning, whether it succeeds or fails.
 */
public final class LineSource {

  private final Supplier<Reader> opener;

  public LineSource(Supplier<Reader> opener) {
    this.opener = opener;
  }

  public List<String> readAll() throws IOException {
    BufferedReader reader = new BufferedReader(opener.get());
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = reader.readLine()) != null) {
      lines.add(line);
    }
    reader.close();
    return lines;
  }

  /** The first line that matches, reading no further than needed. */
  public Optional<String> first(Predicate<String> matches) throws IOException {
    BufferedReader reader = new BufferedReader(opener.get());
    String line;
    while ((line = reader.readLine()) != null) {
      if (matches.test(line)) {
        return Optional.of(line);
      }
    }
    reader.close();
    return Optional.empty();
  }

  public long count(Predicate<String> matches) throws IOException {
    try (BufferedReader reader = new BufferedReader(opener.get())) {
      return reader.lines().filter(matches).count();
    }
  }
}
