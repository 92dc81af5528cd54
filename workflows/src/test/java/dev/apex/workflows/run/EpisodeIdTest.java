package dev.apex.workflows.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EpisodeIdTest {

  @Test
  void parse_anyInstanceId_roundTrips() {
    for (String task : new String[] {"t1", "a--b", "x/y", "--lead", "Foo Bar"}) {
      EpisodeId id = new EpisodeId("apex-static-star-0a1b", task);
      assertThat(EpisodeId.parse(id.workflowId())).isEqualTo(id);
    }
  }

  @Test
  void batchIdWithSeparator_isRefusedNamingTheProblem() {
    assertThatThrownBy(() -> new EpisodeId("my--batch", "t1"))
        .hasMessageContaining("my--batch")
        .hasMessageContaining("'--'");
    assertThat(EpisodeId.batchIdProblem("my-batch")).isNull();
  }

  @Test
  void parse_notAnEpisodeId_isRefused() {
    assertThatThrownBy(() -> EpisodeId.parse("plain")).hasMessageContaining("'plain'");
    assertThatThrownBy(() -> EpisodeId.parse("b--")).hasMessageContaining("'b--'");
  }
}
