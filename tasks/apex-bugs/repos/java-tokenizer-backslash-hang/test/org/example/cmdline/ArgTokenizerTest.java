package org.example.cmdline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgTokenizerTest {

  @Test
  void whitespaceSeparates() {
    assertEquals(List.of("ls", "-l", "/tmp"), ArgTokenizer.split("  ls   -l\t/tmp "));
  }

  @Test
  void quotesGroup() {
    assertEquals(List.of("echo", "a b", "c'd"), ArgTokenizer.split("echo \"a b\" \"c'd\""));
    assertEquals(List.of(""), ArgTokenizer.split("''"));
  }

  @Test
  void backslashEscapes() {
    assertEquals(List.of("a b", "\"q\""), ArgTokenizer.split("a\\ b \\\"q\\\""));
  }

  @Test
  void unterminatedQuote() {
    assertThrows(IllegalArgumentException.class, () -> ArgTokenizer.split("echo 'oops"));
  }

  @Test
  void quoteRoundTrips() {
    for (String arg : List.of("plain", "two words", "it's", "")) {
      assertEquals(List.of(arg), ArgTokenizer.split(ArgTokenizer.quote(arg)));
    }
  }
}
