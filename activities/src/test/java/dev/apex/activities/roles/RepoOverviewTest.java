package dev.apex.activities.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoOverviewTest {

  @TempDir Path tmp;

  @Test
  void linksOutOfTheCopy_areNeitherListedNorRead() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("repo"));
    Path host = Files.createDirectories(tmp.resolve("host"));
    Files.writeString(host.resolve("secret.txt"), "host secret\n");
    Files.writeString(root.resolve("app.py"), "x = 1\n");
    Files.createSymbolicLink(root.resolve("leak.txt"), host.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("hostdir"), host);

    String overview = RepoOverview.withContents(root, 10_000);

    assertThat(RepoOverview.files(root)).containsExactly("app.py");
    assertThat(overview).contains("x = 1").doesNotContain("host secret");
  }
}
