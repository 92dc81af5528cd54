package dev.apex.activities.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unisolated fallback still copies, captures, collects reports and enforces wall time. */
class LocalSandboxTest {

  @TempDir Path tmp;

  @Test
  void runsInACopyAndReturnsOutputAndReports() throws IOException {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Files.writeString(repo.resolve("a.txt"), "original\n");
    LocalSandbox sandbox = new LocalSandbox(new SandboxConfig(null, tmp, "/usr/bin:/bin"));

    SandboxResult result =
        sandbox.run(
            SandboxRequest.of(
                repo,
                "cat a.txt; echo changed > a.txt; echo '<r/>' > \"$APEX_REPORT_DIR/r.xml\"; exit 4",
                SandboxLimits.DEFAULT.withWallTime(Duration.ofSeconds(10))));

    assertThat(result.output()).isEqualTo("original\n");
    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.reports()).containsEntry("r.xml", "<r/>\n");
    assertThat(repo.resolve("a.txt")).hasContent("original");
    assertThat(sandbox.isolation()).startsWith("NOT ISOLATED");
  }

  @Test
  void sleeperTimesOut() throws IOException {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    LocalSandbox sandbox = new LocalSandbox(new SandboxConfig(null, tmp, "/usr/bin:/bin"));

    SandboxResult result =
        sandbox.run(
            SandboxRequest.of(
                repo, "sleep 100", SandboxLimits.DEFAULT.withWallTime(Duration.ofSeconds(1))));

    assertThat(result.termination()).as(result.output()).isEqualTo(Termination.TIMED_OUT);
    assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(8));
  }
}
