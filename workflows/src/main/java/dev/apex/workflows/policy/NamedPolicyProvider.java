package dev.apex.workflows.policy;

import java.util.function.Supplier;

/**
 * A {@link PolicyProvider} made of a name and a constructor, so a policy registers itself in one
 * line: {@code public static final class Provider extends NamedPolicyProvider { public Provider() {
 * super(NAME, MyPolicy::new); } }}. The service loader needs the subclass's no-argument
 * constructor.
 */
public abstract class NamedPolicyProvider implements PolicyProvider {

  private final String name;
  private final Supplier<Policy> factory;

  protected NamedPolicyProvider(String name, Supplier<Policy> factory) {
    this.name = name;
    this.factory = factory;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Policy create() {
    return factory.get();
  }
}
