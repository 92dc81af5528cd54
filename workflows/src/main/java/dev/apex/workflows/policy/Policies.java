package dev.apex.workflows.policy;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** The policies an episode can run, by name. Add a new one here. */
public final class Policies {

  private static final Map<String, Supplier<Policy>> POLICIES =
      Map.of(
          "static_star", StaticStarPolicy::new,
          "static_chain", StaticChainPolicy::new,
          "single_agent", SingleAgentPolicy::new);

  private Policies() {}

  public static Set<String> names() {
    return new TreeSet<>(POLICIES.keySet());
  }

  /** A fresh policy instance; throws when the name is unknown. */
  public static Policy create(String name) {
    Supplier<Policy> policy = POLICIES.get(name);
    if (policy == null) {
      throw new IllegalArgumentException("unknown policy '" + name + "'; use one of " + names());
    }
    return policy.get();
  }
}
