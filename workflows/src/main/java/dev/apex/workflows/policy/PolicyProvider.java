package dev.apex.workflows.policy;

/**
 * Adds a policy without changing APEX: implement this, list the class in {@code
 * META-INF/services/dev.apex.workflows.policy.PolicyProvider}, and put the jar on the episode
 * worker's classpath. The policy's code runs inside the workflow, so it must be deterministic.
 */
public interface PolicyProvider {

  /** The name {@code --policy} selects it by. */
  String name();

  /** A fresh instance for one episode. */
  Policy create();
}
