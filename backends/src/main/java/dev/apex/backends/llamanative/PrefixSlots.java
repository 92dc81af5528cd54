package dev.apex.backends.llamanative;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The tokens each KV cache slot (llama.cpp sequence) holds, and which slot a new prompt should use:
 * the one sharing the longest prefix with it, so only the rest is prefilled. Ties and prompts that
 * share nothing go to the slot used least recently; slots busy with another call are passed over.
 * Not thread-safe: one thread at a time plans and decodes.
 */
final class PrefixSlots {

  /**
   * Where a prompt goes.
   *
   * @param slot the sequence id
   * @param reused prompt tokens already in that slot; positions {@code reused..} must be prefilled
   */
  record Plan(int slot, int reused) {}

  private final int[][] tokens;
  private final int[] lengths;
  private final long[] lastUsed;
  private final boolean reuse;
  private long clock;

  /**
   * @param slots sequences in the context
   * @param reuse false prefills every prompt whole (the cache is still used within one call)
   */
  PrefixSlots(int slots, boolean reuse) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots < 1");
    }
    this.tokens = new int[slots][];
    this.lengths = new int[slots];
    this.lastUsed = new long[slots];
    this.reuse = reuse;
    Arrays.setAll(tokens, i -> new int[64]);
  }

  /**
   * Picks the slot for {@code prompt}. At least the prompt's last token is always left to prefill:
   * its logits start the generation.
   */
  Plan plan(int[] prompt) {
    return plan(prompt, new BitSet());
  }

  /**
   * Picks the slot for {@code prompt} among those not in {@code busy}.
   *
   * @throws IllegalStateException when every slot is busy
   */
  Plan plan(int[] prompt, BitSet busy) {
    if (prompt.length == 0) {
      throw new IllegalArgumentException("empty prompt");
    }
    int similar = -1;
    int similarShared = 0;
    int leastRecent = -1;
    for (int slot = 0; slot < tokens.length; slot++) {
      if (busy.get(slot)) {
        continue;
      }
      int shared = reuse ? sharedPrefix(slot, prompt) : 0;
      // A slot is the prompt's own conversation when the prompt keeps at least half of it;
      // sharing only a system prompt is not enough to evict another conversation.
      if (shared > 0 && 2 * shared >= lengths[slot] && shared > similarShared) {
        similar = slot;
        similarShared = shared;
      }
      if (leastRecent < 0 || lastUsed[slot] < lastUsed[leastRecent]) {
        leastRecent = slot;
      }
    }
    if (leastRecent < 0) {
      throw new IllegalStateException("every slot is busy");
    }
    int slot = similar >= 0 ? similar : leastRecent;
    int shared = reuse ? sharedPrefix(slot, prompt) : 0;
    lastUsed[slot] = ++clock;
    return new Plan(slot, Math.min(shared, prompt.length - 1));
  }

  /** The slot now holds only its first {@code length} tokens. */
  void truncate(int slot, int length) {
    if (length < 0 || length > lengths[slot]) {
      throw new IllegalArgumentException("length " + length + " of " + lengths[slot]);
    }
    lengths[slot] = length;
  }

  /** {@code added[from..to)} were decoded into the slot, after what it holds. */
  void append(int slot, int[] added, int from, int to) {
    int n = lengths[slot] + to - from;
    if (n > tokens[slot].length) {
      tokens[slot] = Arrays.copyOf(tokens[slot], Math.max(n, tokens[slot].length * 2));
    }
    System.arraycopy(added, from, tokens[slot], lengths[slot], to - from);
    lengths[slot] = n;
  }

  /** Slots (sequences) in the context. */
  int count() {
    return tokens.length;
  }

  /** Tokens the slot holds. */
  int length(int slot) {
    return lengths[slot];
  }

  private int sharedPrefix(int slot, int[] prompt) {
    int n = Math.min(lengths[slot], prompt.length);
    int[] held = tokens[slot];
    int i = 0;
    while (i < n && held[i] == prompt[i]) {
      i++;
    }
    return i;
  }
}
