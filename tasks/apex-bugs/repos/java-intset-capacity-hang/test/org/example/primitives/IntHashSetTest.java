package org.example.primitives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntHashSetTest {

  @Test
  void addAndContains() {
    IntHashSet set = new IntHashSet();
    assertTrue(set.add(3));
    assertFalse(set.add(3));
    assertTrue(set.contains(3));
    assertFalse(set.contains(4));
    assertEquals(1, set.size());
  }

  @Test
  void growsPastTheInitialCapacity() {
    IntHashSet set = new IntHashSet(2);
    for (int i = 0; i < 1000; i++) {
      set.add(i * 7);
    }
    assertEquals(1000, set.size());
    assertTrue(set.contains(6993));
  }

  @Test
  void minValueIsAnOrdinaryElement() {
    IntHashSet set = new IntHashSet();
    assertTrue(set.add(Integer.MIN_VALUE));
    assertTrue(set.contains(Integer.MIN_VALUE));
    assertEquals(1, set.size());
  }

  @Test
  void tableSizeIsAPowerOfTwo() {
    assertEquals(1, IntHashSet.tableSizeFor(0));
    assertEquals(16, IntHashSet.tableSizeFor(9));
    assertEquals(1 << 30, IntHashSet.tableSizeFor((1 << 29) + 1));
  }
}
