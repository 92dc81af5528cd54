package org.example.primitives;

import java.util.Arrays;

/** A set of ints with open addressing and linear probing. Not thread-safe. */
public final class IntHashSet {

  /** The largest table: the biggest power of two an int array can have. */
  static final int MAX_CAPACITY = 1 << 30;

  private static final int FREE = Integer.MIN_VALUE;

  private int[] table;
  private int size;
  private boolean hasFreeMarker;

  public IntHashSet() {
    this(16);
  }

  /** A set that holds {@code expected} elements before it grows. */
  public IntHashSet(int expected) {
    if (expected < 0) {
      throw new IllegalArgumentException("expected < 0");
    }
    table = newTable(tableSizeFor(expected + expected / 3 + 1));
  }

  /** The smallest power of two at least {@code capacity}. */
  static int tableSizeFor(int capacity) {
    int n = 1;
    while (n < capacity) {
      n <<= 1;
    }
    return n;
  }

  public boolean add(int value) {
    if (value == FREE) {
      boolean added = !hasFreeMarker;
      hasFreeMarker = true;
      return added;
    }
    int slot = find(value);
    if (table[slot] == value) {
      return false;
    }
    table[slot] = value;
    size++;
    if (size * 4 >= table.length * 3) {
      rehash(tableSizeFor(table.length * 2));
    }
    return true;
  }

  public boolean contains(int value) {
    return value == FREE ? hasFreeMarker : table[find(value)] == value;
  }

  public int size() {
    return size + (hasFreeMarker ? 1 : 0);
  }

  private int find(int value) {
    int mask = table.length - 1;
    int slot = mix(value) & mask;
    while (table[slot] != FREE && table[slot] != value) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void rehash(int capacity) {
    int[] old = table;
    table = newTable(capacity);
    for (int value : old) {
      if (value != FREE) {
        table[find(value)] = value;
      }
    }
  }

  private static int[] newTable(int capacity) {
    int[] t = new int[capacity];
    Arrays.fill(t, FREE);
    return t;
  }

  private static int mix(int x) {
    int h = x * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
