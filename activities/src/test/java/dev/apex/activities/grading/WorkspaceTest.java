package dev.apex.activities.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
      assertThat(Git.check(a.root(), "rev-parse", "HEAD"))
          .isEqualTo(Git.check(b.root(), "rev-parse", "HEAD"));
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
      assertThat(PatchApplier.apply(ws, escaping).method()).isEqualTo(ApplyMethod.FAILED);
      assertThat(tmp.resolve("outside.py")).doesNotExist();
    }
  }
}
