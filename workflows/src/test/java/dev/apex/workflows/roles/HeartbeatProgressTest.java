package dev.apex.workflows.roles;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.converter.DefaultDataConverter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeartbeatProgressTest {

  @Test
  void details_surviveThePayloadRoundTrip() {
    HeartbeatProgress sent = new HeartbeatProgress("decode", 512, 37, 12.5, 2048);
    var payloads = DefaultDataConverter.STANDARD_INSTANCE.toPayloads(sent).orElseThrow();
    assertThat(payloads.getPayloads(0).getData().toStringUtf8())
        .contains("\"completion_tokens\":37", "\"prompt_tokens\":512");
    HeartbeatProgress received =
        DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
            0, Optional.of(payloads), HeartbeatProgress.class, HeartbeatProgress.class);
    assertThat(received).isEqualTo(sent);
    assertThat(received.progressUnits()).isEqualTo(37 + 2048);
  }
}
