package org.example.textkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StringsTest {

  @Test
  void truncateLeavesShortStringsAlone() {
    assertEquals("abc", Strings.truncate("abc", 5));
    assertEquals("abcde", Strings.truncate("abcde", 5));
  }

  @Test
  void truncateRejectsTinyLimits() {
    assertThrows(IllegalArgumentException.class, () -> Strings.truncate("abcdef", 2));
  }

  @Test
  void padLeft() {
    assertEquals("0042", Strings.padLeft("42", 4, '0'));
    assertEquals("12345", Strings.padLeft("12345", 3, ' '));
  }

  @Test
  void isBlank() {
    assertTrue(Strings.isBlank(" \t"));
    assertTrue(Strings.isBlank(null));
  }
}
