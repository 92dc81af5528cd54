package dev.apex.backends.llamanative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class PrefixSlotsTest {

  private static final int[] FIRST = {1, 10, 11, 12, 13};
  private static final int[] GROWN = {1, 10, 11, 12, 13, 20, 21, 22, 23};
  private static final int[] OTHER = {1, 30, 31, 32};

  @Test
  void grownPrompt_reusesWhatTheSlotHoldsAndPrefillsOnlyTheNewTokens() {
    PrefixSlots slots = new PrefixSlots(1, true);
    filled(slots, FIRST);
    PrefixSlots.Plan plan = slots.plan(GROWN);
    assertThat(plan).isEqualTo(new PrefixSlots.Plan(0, FIRST.length));
    assertThat(GROWN.length - plan.reused()).isEqualTo(4);
  }

  @Test
  void differentPrompt_sharesOnlyItsCommonPrefix() {
    PrefixSlots slots = new PrefixSlots(1, true);
    filled(slots, FIRST);
    assertThat(slots.plan(OTHER).reused()).isEqualTo(1);
    assertThat(slots.plan(new int[] {2, 10}).reused()).isZero();
  }

  @Test
  void samePrompt_leavesItsLastTokenToPrefillForTheLogits() {
    PrefixSlots slots = new PrefixSlots(1, true);
    filled(slots, FIRST);
    assertThat(slots.plan(FIRST).reused()).isEqualTo(FIRST.length - 1);
  }

  @Test
  void reuseOff_prefillsEveryPromptWhole() {
    PrefixSlots slots = new PrefixSlots(1, false);
    filled(slots, FIRST);
    assertThat(slots.plan(GROWN).reused()).isZero();
  }

  @Test
  void severalSlots_promptGoesToTheSlotWithTheLongestCommonPrefix() {
    PrefixSlots slots = new PrefixSlots(3, true);
    filled(slots, OTHER);
    filled(slots, FIRST);
    assertThat(slots.plan(GROWN)).isEqualTo(new PrefixSlots.Plan(1, FIRST.length));
    assertThat(slots.plan(new int[] {1, 30, 31, 40})).isEqualTo(new PrefixSlots.Plan(0, 3));
  }

  @Test
  void severalSlots_unrelatedPromptTakesTheLeastRecentlyUsedSlot() {
    PrefixSlots slots = new PrefixSlots(2, true);
    filled(slots, FIRST);
    filled(slots, OTHER);
    slots.plan(GROWN); // slot 0 used again
    assertThat(slots.plan(new int[] {5, 6}).slot()).isEqualTo(1);
  }

  @Test
  void truncate_dropsTheTailFromTheNextComparison() {
    PrefixSlots slots = new PrefixSlots(1, true);
    filled(slots, GROWN);
    slots.truncate(0, 2);
    assertThat(slots.length(0)).isEqualTo(2);
    assertThat(slots.plan(GROWN).reused()).isEqualTo(2);
  }

  /** What the backend does with a plan: drop the tail, decode the rest. */
  @Test
  void busySlot_isPassedOverEvenWhenItHoldsThePromptsConversation() {
    PrefixSlots slots = new PrefixSlots(2, true);
    filled(slots, FIRST);
    BitSet busy = new BitSet();
    busy.set(0);
    assertThat(slots.plan(GROWN, busy)).isEqualTo(new PrefixSlots.Plan(1, 0));
  }

  @Test
  void everySlotBusy_isRefused() {
    PrefixSlots slots = new PrefixSlots(2, true);
    BitSet busy = new BitSet();
    busy.set(0, 2);
    assertThatThrownBy(() -> slots.plan(FIRST, busy))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("every slot is busy");
  }

  private static void filled(PrefixSlots slots, int[] prompt) {
    PrefixSlots.Plan plan = slots.plan(prompt);
    slots.truncate(plan.slot(), plan.reused());
    slots.append(plan.slot(), prompt, plan.reused(), prompt.length);
  }
}
