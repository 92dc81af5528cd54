package dev.apex.workers.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DevServerTest {

  @Test
  void findRepoRoot_fromModuleDirectory_findsTheCheckoutRoot() {
    Path root = DevServer.findRepoRoot(Path.of(""));
    assertThat(root.resolve("temporal-dev/start.sh")).isRegularFile();
    assertThat(DevServer.findRepoRoot(root.resolve("workers/src"))).isEqualTo(root);
  }

  @Test
  void searchAttributes_listsWhatEpisodesSet() {
    assertThat(DevServer.searchAttributes(DevServer.findRepoRoot(Path.of(""))))
        .containsExactly(
            entry("ApexTask", "Keyword"),
            entry("ApexPolicy", "Keyword"),
            entry("ApexOutcome", "Keyword"),
            entry("ApexTokens", "Int"),
            entry("ApexBatch", "Keyword"));
  }
}
