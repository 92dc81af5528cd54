package dev.apex.activities.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {

  @Test
  void shortOutput_isKeptWhole() {
    OutputCapture capture = new OutputCapture(100, 4, () -> {});
    capture.drain(new ByteArrayInputStream("héllo".getBytes(StandardCharsets.UTF_8)));

    assertThat(capture.text()).isEqualTo("héllo");
    assertThat(capture.total()).isEqualTo(6);
  }

  @Test
  void longOutput_keepsHeadAndTailAndCallsTheCapOnce() {
    AtomicInteger capped = new AtomicInteger();
    OutputCapture capture = new OutputCapture(10, 3, capped::incrementAndGet);
    capture.drain(
        new ByteArrayInputStream("abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.UTF_8)));

    assertThat(capture.text()).isEqualTo("abc\n[... 20 bytes omitted ...]\nxyz");
    assertThat(capture.total()).isEqualTo(26);
    assertThat(capped).hasValue(1);
  }

  @Test
  void reportFrames_decodeAndTruncatedFramesAreDropped() {
    String stream =
        "@@APEX-REPORT a/TEST-x.xml\nPHI+w6k8L3I+\n@@APEX-END\n@@APEX-REPORT cut.xml\nPHI+";

    assertThat(Wrapper.reports(stream.getBytes(StandardCharsets.ISO_8859_1)))
        .containsOnlyKeys("a/TEST-x.xml")
        .containsEntry("a/TEST-x.xml", "<r>é</r>");
  }
}
