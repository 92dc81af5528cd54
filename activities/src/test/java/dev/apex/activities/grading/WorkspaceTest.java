package dev.apex.activities.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.activities.sandbox.SandboxLimits;
import dev.apex.activities.sandbox.SandboxRequest;
import dev.apex.activities.sandbox.SandboxResult;
import dev.apex.activities.sandbox.TestSandboxes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {

  @TempDir Path tmp;
  private Path base;

  @BeforeEach
  void setUp() throws IOException {
    base = tmp.resolve("base");
    Files.createDirectories(base.resolve("src"));
    Files.writeString(base.resolve("src/app.py"), "def f():\n    return 1\n");
    Files.writeString(base.resolve("README.md"), "hello\n");
  }

  @Test
  void diff_isEmptyAtBaseAndShowsEdits() throws IOException {
    try (Workspace ws = Workspace.create(base, tmp.resolve("ws"))) {
      assertThat(ws.diff()).isEmpty();

      Files.writeString(ws.root().resolve("src/app.py"), "def f():\n    return 2\n");
      Files.writeString(ws.root().resolve("src/new.py"), "x = 1\n");
      Files.delete(ws.root().resolve("README.md"));

      String diff = ws.diff();
      assertThat(diff)
          .contains("diff --git a/src/app.py b/src/app.py")
          .contains("-    return 1\n+    return 2\n")
          .contains("+++ b/src/new.py")
          .contains("--- a/README.md\n+++ /dev/null");
      assertThat(ws.changedPaths())
          .containsExactlyInAnyOrder("src/app.py", "src/new.py", "README.md");
    }
    assertThat(tmp.resolve("ws")).doesNotExist();
  }

  @Test
  void baseCommit_isTheSameOnEveryCopy() {
    try (Workspace a = Workspace.create(base, tmp.resolve("a"));
        Workspace b = Workspace.create(base, tmp.resolve("b"))) {
      assertThat(a.gitCheck("rev-parse", "HEAD")).isEqualTo(b.gitCheck("rev-parse", "HEAD"));
    }
  }

  @Test
  void restoreAndReset_returnToTheBase() throws IOException {
    try (Workspace ws = Workspace.create(base, tmp.resolve("ws"))) {
      Files.writeString(ws.root().resolve("src/app.py"), "changed\n");
      Files.writeString(ws.root().resolve("added.py"), "x\n");

      ws.restore("src/app.py");
      ws.restore("added.py");
      assertThat(ws.root().resolve("src/app.py")).hasContent("def f():\n    return 1");
      assertThat(ws.root().resolve("added.py")).doesNotExist();

      Files.writeString(ws.root().resolve("README.md"), "edited\n");
      Files.createDirectories(ws.root().resolve("build/__pycache__"));
      ws.reset();
      assertThat(ws.diff()).isEmpty();
      assertThat(ws.root().resolve("build")).doesNotExist();
    }
  }

  @Test
  void patchApplier_fallsBackToFuzzAndReportsFailures() throws IOException {
    try (Workspace ws = Workspace.create(base, tmp.resolve("ws"))) {
      String exact =
          """
          diff --git a/src/app.py b/src/app.py
          --- a/src/app.py
          +++ b/src/app.py
          @@ -1,2 +1,2 @@
           def f():
          -    return 1
          +    return 2
          """;
      assertThat(PatchApplier.apply(ws, exact).method()).isEqualTo(ApplyMethod.GIT_APPLY);
      ws.reset();

      String offContext =
          """
          --- a/src/app.py
          +++ b/src/app.py
          @@ -5,3 +5,3 @@
           def f():
          -    return 1
          +    return 3
           # trailing context that is not there
          """;
      PatchApplication fuzzy = PatchApplier.apply(ws, offContext);
      assertThat(fuzzy.method()).isEqualTo(ApplyMethod.PATCH_FUZZ);
      assertThat(ws.root().resolve("src/app.py")).hasContent("def f():\n    return 3");
      ws.reset();

      String wrong = exact.replace("return 1", "return 7");
      assertThat(PatchApplier.apply(ws, wrong).method()).isEqualTo(ApplyMethod.FAILED);
      assertThat(ws.diff()).isEmpty();
      assertThat(PatchApplier.apply(ws, "  \n").method()).isEqualTo(ApplyMethod.EMPTY);

      String escaping = exact.replace("src/app.py", "../outside.py");
      PatchApplication refused = PatchApplier.apply(ws, escaping);
      assertThat(refused.method()).isEqualTo(ApplyMethod.REFUSED);
      assertThat(refused.refusal())
          .isEqualTo("patch refused: climbs out of the working copy: ../outside.py");
      assertThat(tmp.resolve("outside.py")).doesNotExist();
    }
  }

  @Test
  void gitDirectory_livesBesideTheCopyAndGoesWithIt() {
    Path dir = tmp.resolve("ws");
    try (Workspace ws = Workspace.create(base, dir)) {
      assertThat(ws.root().resolve(".git")).doesNotExist();
      assertThat(tmp.resolve("ws.git/HEAD")).isRegularFile();
      assertThat(Workspace.open(dir).diff()).isEmpty();
    }
    assertThat(dir).doesNotExist();
    assertThat(tmp.resolve("ws.git")).doesNotExist();
  }

  @Test
  void create_leavesOutEveryEntryNamedGitInTheBase() throws IOException {
    Files.createDirectories(base.resolve("vendor/lib/.git/hooks"));
    Files.writeString(base.resolve("vendor/lib/.git/config"), "[core]\n");
    Files.writeString(base.resolve("src/.GIT"), "gitdir: /etc\n");

    try (Workspace ws = Workspace.create(base, tmp.resolve("ws"))) {
      assertThat(ws.root().resolve("vendor/lib")).isDirectory();
      assertThat(ws.root().resolve("vendor/lib/.git")).doesNotExist();
      assertThat(ws.root().resolve("src/.GIT")).doesNotExist();
      assertThat(ws.root().resolve("src/app.py")).isRegularFile();
    }
  }

  @Test
  void gitConfigAndAttributesInTheCopy_runNothingOnTheHost() throws IOException {
    Path marker = tmp.resolve("filter-ran");
    try (Workspace ws = Workspace.create(base, tmp.resolve("ws"))) {
      plantGitDriver(ws.root(), marker);
      Files.createDirectories(ws.root().resolve("src/.git"));
      Files.writeString(ws.root().resolve("src/.git/config"), driverConfig(marker));
      Files.writeString(ws.root().resolve("src/app.py"), "def f():\n    return 2\n");

      String diff = ws.diff();
      List<String> changed = ws.changedPaths();
      ws.restore("src/app.py");
      ws.reset();

      assertThat(diff).contains("+    return 2").doesNotContain("[filter");
      assertThat(changed)
          .contains(".gitattributes", "src/app.py")
          .noneMatch(p -> p.contains(".git/"));
      assertThat(marker).doesNotExist();
    }
  }

  @Test
  void gitConfigAndAttributesWrittenInsideTheSandbox_runNothingOnTheHost() throws IOException {
    Path marker = tmp.resolve("filter-ran");
    try (Workspace ws = Workspace.create(base, tmp.resolve("ws"))) {
      String script =
          "mkdir -p .git && printf '%s' '"
              + driverConfig(marker)
              + "' >> .git/config && printf '* filter=x diff=x\\n' > .gitattributes"
              + " && echo changed > src/app.py && echo written";
      SandboxResult run =
          TestSandboxes.best()
              .run(
                  SandboxRequest.of(
                      ws.root(),
                      script,
                      SandboxLimits.DEFAULT.withWallTime(Duration.ofSeconds(10))));

      String diff = ws.diff();

      assertThat(run.output()).contains("written");
      assertThat(diff).isEmpty();
      assertThat(ws.root().resolve(".gitattributes")).doesNotExist();
      assertThat(marker).doesNotExist();
    }
  }

  @Test
  void restore_ofTestsReplacedByALinkToAHostFolder_deletesTheLinkNotTheFolder() throws IOException {
    Files.createDirectories(base.resolve("tests"));
    Files.writeString(base.resolve("tests/test_app.py"), "def test_f():\n    pass\n");
    Path host = Files.createDirectories(tmp.resolve("host-folder"));
    Files.writeString(host.resolve("test_app.py"), "decoy\n");
    try (Workspace ws = Workspace.create(base, tmp.resolve("ws"))) {
      Files.delete(ws.root().resolve("tests/test_app.py"));
      Files.delete(ws.root().resolve("tests"));
      Files.createSymbolicLink(ws.root().resolve("tests"), host);

      List<String> changed = ws.changedPaths();
      changed.forEach(ws::restore);

      assertThat(changed).containsExactlyInAnyOrder("tests", "tests/test_app.py");
      assertThat(ws.root().resolve("tests")).isDirectory().isNotEqualTo(host);
      assertThat(Files.isSymbolicLink(ws.root().resolve("tests"))).isFalse();
      assertThat(ws.root().resolve("tests/test_app.py")).hasContent("def test_f():\n    pass");
      assertThat(ws.diff()).isEmpty();
    }
    assertThat(host.resolve("test_app.py")).hasContent("decoy");
  }

  @Test
  void restore_ofAFileBelowALinkedDirectory_putsTheDirectoryBackFirst() throws IOException {
    Path host = Files.createDirectories(tmp.resolve("host-folder"));
    Files.writeString(host.resolve("app.py"), "decoy\n");
    try (Workspace ws = Workspace.create(base, tmp.resolve("ws"))) {
      Files.delete(ws.root().resolve("src/app.py"));
      Files.delete(ws.root().resolve("src"));
      Files.createSymbolicLink(ws.root().resolve("src"), host);

      ws.restore("src/app.py");

      assertThat(Files.isSymbolicLink(ws.root().resolve("src"))).isFalse();
      assertThat(ws.root().resolve("src/app.py")).hasContent("def f():\n    return 1");
    }
    assertThat(host.resolve("app.py")).hasContent("decoy");
  }

  @Test
  void close_deletesLinksNotWhatTheyPointTo() throws IOException {
    Path host = Files.createDirectories(tmp.resolve("host-folder"));
    Files.writeString(host.resolve("keep.txt"), "decoy\n");
    Workspace ws = Workspace.create(base, tmp.resolve("ws"));
    Files.createSymbolicLink(ws.root().resolve("link"), host);
    Files.createSymbolicLink(ws.root().resolve("src/file-link"), host.resolve("keep.txt"));

    ws.close();

    assertThat(tmp.resolve("ws")).doesNotExist();
    assertThat(host.resolve("keep.txt")).hasContent("decoy");
  }

  private static void plantGitDriver(Path root, Path marker) throws IOException {
    Files.createDirectories(root.resolve(".git"));
    Files.writeString(root.resolve(".git/config"), driverConfig(marker));
    Files.writeString(root.resolve(".gitattributes"), "* filter=x diff=x\n");
  }

  private static String driverConfig(Path marker) {
    String touch = "touch " + marker;
    return "[filter \"x\"]\n\tclean = "
        + touch
        + "\n\tsmudge = "
        + touch
        + "\n[diff \"x\"]\n\ttextconv = "
        + touch
        + "\n\tcommand = "
        + touch
        + "\n[core]\n\tfsmonitor = "
        + touch
        + "\n\thooksPath = /tmp\n";
  }
}
