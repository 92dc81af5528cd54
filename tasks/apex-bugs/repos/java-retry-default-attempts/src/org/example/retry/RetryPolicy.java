package org.example.retry;

import java.time.Duration;
import java.util.concurrent.Callable;

/** How often to retry a failing action and how long to wait in between. Immutable. */
public final class RetryPolicy {

  private final int maxAttempts;
  private final Duration initialDelay;
  private final double multiplier;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.initialDelay = builder.initialDelay;
    this.multiplier = builder.multiplier;
  }

  /** A builder with the defaults: 3 attempts, 100 ms initial delay, doubling. */
  public static Builder builder() {
    return new Builder();
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** The wait after the given failed attempt (1-based). */
  public Duration delay(int attempt) {
    return Duration.ofMillis((long) (initialDelay.toMillis() * Math.pow(multiplier, attempt - 1)));
  }

  /** Runs {@code action} until it succeeds or the attempts are used up; rethrows the last error. */
  public <T> T execute(Callable<T> action, Sleeper sleeper) throws Exception {
    Exception last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        return action.call();
      } catch (Exception e) {
        last = e;
        if (attempt < maxAttempts) {
          sleeper.sleep(delay(attempt).toMillis());
        }
      }
    }
    throw last;
  }

  /** Builds a {@link RetryPolicy}. */
  public static final class Builder {
    private int maxAttempts;
    private Duration initialDelay = Duration.ofMillis(100);
    private double multiplier = 2.0;

    private Builder() {}

    public Builder maxAttempts(int attempts) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts < 1");
      }
      this.maxAttempts = attempts;
      return this;
    }

    public Builder initialDelay(Duration delay) {
      this.initialDelay = delay;
      return this;
    }

    public Builder multiplier(double factor) {
      this.multiplier = factor;
      return this;
    }

    public RetryPolicy build() {
      return new RetryPolicy(this);
    }
  }
}
