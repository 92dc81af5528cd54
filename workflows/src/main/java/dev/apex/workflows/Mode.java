package dev.apex.workflows;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the agents are shown of the task's tests. Inputs carry the {@link #id()} as a string, so
 * their JSON stays as users write it; this is the one place those strings are parsed.
 */
public enum Mode {
  /** SWE-bench's setting: the tests that grade the patch stay hidden. */
  SWE,
  /** The failing tests are named to the agents. */
  HINTED;

  /** The mode of a batch or episode that names none (a constant, so flags can name it). */
  public static final String DEFAULT_ID = "swe";

  /** The name inputs and flags use: {@code swe}, {@code hinted}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The ids {@link #parse} accepts, in declaration order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(Mode::id).toList();
  }

  /** The mode named {@code id}; throws with the accepted ids when there is none. */
  public static Mode parse(String id) {
    for (Mode mode : values()) {
      if (mode.id().equals(id)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(problem(id).orElseThrow());
  }

  /** Why {@code id} is not a mode, or empty when it is one. */
  public static Optional<String> problem(String id) {
    return ids().contains(id)
        ? Optional.empty()
        : Optional.of("unknown mode '" + id + "'; use one of " + ids());
  }
}
