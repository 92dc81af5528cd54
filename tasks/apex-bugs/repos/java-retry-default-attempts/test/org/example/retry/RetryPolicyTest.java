package org.example.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final List<Long> sleeps = new ArrayList<>();
  private final Sleeper recorder = sleeps::add;

  @Test
  void retriesUntilSuccess() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy policy = RetryPolicy.builder().maxAttempts(4).build();
    String result =
        policy.execute(
            () -> {
              if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("flaky");
              }
              return "ok";
            },
            recorder);
    assertEquals("ok", result);
    assertEquals(List.of(100L, 200L), sleeps);
  }

  @Test
  void rethrowsTheLastError() {
    RetryPolicy policy = RetryPolicy.builder().maxAttempts(2).build();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> policy.execute(() -> {
              throw new IllegalStateException("down");
            }, recorder));
    assertEquals("down", e.getMessage());
    assertEquals(List.of(100L), sleeps);
  }

  @Test
  void delaysGrowByTheMultiplier() {
    RetryPolicy policy =
        RetryPolicy.builder().initialDelay(Duration.ofMillis(50)).multiplier(3).maxAttempts(5).build();
    assertEquals(Duration.ofMillis(450), policy.delay(3));
  }

  @Test
  void rejectsZeroAttempts() {
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().maxAttempts(0));
  }
}
