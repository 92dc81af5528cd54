package dev.apex.workers.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.apex.activities.roles.CallObserver;
import dev.apex.backends.Completion;
import dev.apex.backends.memory.ProcessMemory;
import dev.apex.workflows.roles.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A worker's meters: the Temporal SDK's (through a tally scope) and APEX's own (model load and
 * warmup, tokens, speed, time to first token, calls by outcome, busy slots, RSS, VRAM).
 * Thread-safe.
 */
public final class WorkerMetrics implements CallObserver {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicInteger busy = new AtomicInteger();
  private final AtomicLong loadMillis = new AtomicLong();
  private final AtomicLong warmupMillis = new AtomicLong();
  private final AtomicLong lastTokensPerSecond = new AtomicLong();
  private final AtomicLong vramFreeBytes = new AtomicLong(-1);
  private final AtomicInteger calls = new AtomicInteger();

  public WorkerMetrics(String worker) {
    registry.config().commonTags("worker", worker);
    Gauge.builder("apex_busy_slots", busy, AtomicInteger::get)
        .description("LLM calls in progress")
        .register(registry);
    Gauge.builder("apex_model_load_seconds", loadMillis, v -> v.get() / 1000.0)
        .description("Seconds to load the pinned model")
        .register(registry);
    Gauge.builder("apex_model_warmup_seconds", warmupMillis, v -> v.get() / 1000.0)
        .description("Seconds of the warmup inference")
        .register(registry);
    Gauge.builder("apex_tokens_per_second", lastTokensPerSecond, v -> v.get() / 1000.0)
        .description("Decode speed of the last call")
        .register(registry);
    Gauge.builder("apex_process_rss_bytes", this, m -> ProcessMemory.rssBytes().orElse(-1))
        .description("Resident memory of this worker process")
        .register(registry);
    Gauge.builder("apex_vram_free_bytes", vramFreeBytes, AtomicLong::get)
        .description("Free VRAM on the pinned CUDA device at load; -1 without CUDA")
        .register(registry);
  }

  /** A tally scope reporting the Temporal SDK's metrics into this registry. */
  public Scope temporalScope() {
    return new RootScopeBuilder()
        .reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(com.uber.m3.util.Duration.ofSeconds(1));
  }

  public void modelLoaded(Duration load, Duration warmup) {
    loadMillis.set(load.toMillis());
    warmupMillis.set(warmup.toMillis());
  }

  public void vramFree(long bytes) {
    vramFreeBytes.set(bytes);
  }

  /** LLM calls finished so far, whatever their outcome. */
  public int callsServed() {
    return calls.get();
  }

  /** LLM calls in progress now. */
  public int busySlots() {
    return busy.get();
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void started(Role role) {
    busy.incrementAndGet();
  }

  @Override
  public void finished(Role role, Completion completion) {
    Counter.builder("apex_tokens_generated")
        .description("Completion tokens generated")
        .tag("role", role.id())
        .register(registry)
        .increment(completion.usage().completionTokens());
    Counter.builder("apex_prompt_tokens")
        .description("Prompt tokens processed")
        .tag("role", role.id())
        .register(registry)
        .increment(completion.usage().promptTokens());
    Counter.builder("apex_prompt_tokens_reused")
        .description("Prompt tokens found in the KV cache and not prefilled again")
        .tag("role", role.id())
        .register(registry)
        .increment(completion.usage().reusedPromptTokens());
    Timer.builder("apex_time_to_first_token")
        .description("From the call to its first token")
        .tag("role", role.id())
        .register(registry)
        .record(completion.timeToFirstTokenNanos(), TimeUnit.NANOSECONDS);
    lastTokensPerSecond.set(Math.round(completion.decodeTokensPerSecond() * 1000));
  }

  @Override
  public void ended(Role role, String outcome) {
    if (!"exhausted".equals(outcome)) {
      busy.decrementAndGet();
    }
    calls.incrementAndGet();
    Counter.builder("apex_llm_calls")
        .description("LLM calls by outcome")
        .tag("role", role.id())
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
