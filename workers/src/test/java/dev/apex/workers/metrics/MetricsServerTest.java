package dev.apex.workers.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.backends.Completion;
import dev.apex.backends.TokenUsage;
import dev.apex.workflows.roles.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final WorkerMetrics metrics = new WorkerMetrics("coder");
  private final MetricsServer server =
      new MetricsServer("127.0.0.1", 0, metrics, () -> "{\"role\":\"coder\"}");

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void ready_answers503UntilMarkedReady_then200() throws Exception {
    assertThat(get("/ready").statusCode()).isEqualTo(503);

    server.markReady();

    HttpResponse<String> ready = get("/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"role\":\"coder\"}");
  }

  @Test
  void status_isTheWorkersJson() throws Exception {
    HttpResponse<String> status = get("/status");

    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(status.body()).isEqualTo("{\"role\":\"coder\"}");
  }

  @Test
  void metrics_beforeAnyCall_haveTheModelAndProcessGauges() throws Exception {
    metrics.modelLoaded(java.time.Duration.ofMillis(1500), java.time.Duration.ofMillis(250));

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/plain; version=0.0.4");
    assertThat(response.body())
        .contains("apex_model_load_seconds{worker=\"coder\"} 1.5")
        .contains("apex_model_warmup_seconds{worker=\"coder\"} 0.25")
        .contains("apex_busy_slots{worker=\"coder\"} 0.0")
        .contains("apex_vram_free_bytes{worker=\"coder\"} -1.0")
        .containsPattern("apex_process_rss_bytes\\{worker=\"coder\"} [1-9]");
  }

  @Test
  void metrics_afterCalls_countTokensCallsByOutcomeAndTimeToFirstToken() throws Exception {
    metrics.started(Role.CODER);
    assertThat(get("/metrics").body()).contains("apex_busy_slots{worker=\"coder\"} 1.0");
    metrics.finished(Role.CODER, completion(40, 12));
    metrics.ended(Role.CODER, "ok");
    metrics.started(Role.CODER);
    metrics.ended(Role.CODER, "cancelled");
    metrics.ended(Role.CODER, "exhausted");

    String body = get("/metrics").body();

    assertThat(body)
        .contains("apex_busy_slots{worker=\"coder\"} 0.0")
        .contains("apex_tokens_generated_total{role=\"coder\",worker=\"coder\"} 12.0")
        .contains("apex_prompt_tokens_total{role=\"coder\",worker=\"coder\"} 40.0")
        .contains("apex_llm_calls_total{outcome=\"ok\",role=\"coder\",worker=\"coder\"} 1.0")
        .contains("apex_llm_calls_total{outcome=\"cancelled\",role=\"coder\",worker=\"coder\"} 1.0")
        .contains("apex_llm_calls_total{outcome=\"exhausted\",role=\"coder\",worker=\"coder\"} 1.0")
        .contains("apex_time_to_first_token_seconds_count{role=\"coder\",worker=\"coder\"} 1")
        .contains("apex_tokens_per_second{worker=\"coder\"} 22.0");
    assertThat(metrics.callsServed()).isEqualTo(3);
    assertThat(metrics.busySlots()).isZero();
  }

  /** 11 tokens decoded in 0.5 s after a first token at 0.2 s: 22 tokens/s. */
  private static Completion completion(int prompt, int completion) {
    return new Completion(
        "x".repeat(completion),
        new TokenUsage(prompt, completion),
        Completion.StopReason.STOP,
        200_000_000L,
        700_000_000L);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
