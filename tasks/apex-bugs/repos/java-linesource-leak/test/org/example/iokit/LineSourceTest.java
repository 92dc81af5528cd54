package org.example.iokit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LineSourceTest {

  private static LineSource of(String text) {
    return new LineSource(() -> new StringReader(text));
  }

  @Test
  void readAll() throws IOException {
    assertEquals(List.of("a", "b", ""), of("a\nb\n\n").readAll());
  }

  @Test
  void first() throws IOException {
    assertEquals(Optional.of("beta"), of("alpha\nbeta\nbetamax").first(l -> l.startsWith("b")));
    assertEquals(Optional.empty(), of("alpha").first(l -> l.isEmpty()));
  }

  @Test
  void count() throws IOException {
    assertEquals(2, of("x\ny\nx").count("x"::equals));
  }
}
