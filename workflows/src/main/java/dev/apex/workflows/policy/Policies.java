package dev.apex.workflows.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The policies an episode can run, by name: the built-ins plus any {@link PolicyProvider} found on
 * the classpath. The set is fixed when this class loads, so replays see the same one.
 */
public final class Policies {

  private static final Map<String, Supplier<Policy>> POLICIES = load();

  private Policies() {}

  private static Map<String, Supplier<Policy>> load() {
    Map<String, Supplier<Policy>> policies = new HashMap<>();
    policies.put("static_star", StaticStarPolicy::new);
    policies.put("static_chain", StaticChainPolicy::new);
    policies.put("single_agent", SingleAgentPolicy::new);
    for (PolicyProvider provider : ServiceLoader.load(PolicyProvider.class)) {
      if (policies.putIfAbsent(provider.name(), provider::create) != null) {
        throw new IllegalStateException("two policies are named '" + provider.name() + "'");
      }
    }
    return Map.copyOf(policies);
  }

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
