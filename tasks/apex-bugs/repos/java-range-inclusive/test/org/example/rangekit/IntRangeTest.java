package org.example.rangekit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntRangeTest {

  @Test
  void parse() {
    assertEquals(new IntRange(3, 7), IntRange.parse(" 3..7 "));
    assertEquals(new IntRange(5, 5), IntRange.parse("5"));
  }

  @Test
  void size() {
    assertEquals(10, IntRange.parse("1..10").size());
  }

  @Test
  void containsInterior() {
    IntRange r = new IntRange(1, 10);
    assertTrue(r.contains(1));
    assertTrue(r.contains(5));
    assertFalse(r.contains(0));
    assertFalse(r.contains(11));
  }

  @Test
  void overlaps() {
    assertTrue(new IntRange(1, 5).overlaps(new IntRange(5, 9)));
    assertFalse(new IntRange(1, 4).overlaps(new IntRange(5, 9)));
  }

  @Test
  void rejectsReversed() {
    assertThrows(IllegalArgumentException.class, () -> new IntRange(5, 1));
  }
}
