package dev.apex.activities.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatchFilesTest {

  /** An ordinary one-line edit, beside which each patch puts the entries under test. */
  private static final String APP_PY =
      """
      diff --git a/src/app.py b/src/app.py
      index 1111111..2222222 100644
      --- a/src/app.py
      +++ b/src/app.py
      @@ -1 +1 @@
      -x
      +y
      """;

  @Test
  void touched_readsGitAndGnuHeaders() {
    String patch =
        APP_PY
            + """
            diff --git a/new file.py b/new file.py
            new file mode 100644
            --- /dev/null
            +++ b/new file.py
            @@ -0,0 +1 @@
            +z
            diff --git a/old.py b/renamed.py
            similarity index 100%
            rename from old.py
            rename to renamed.py
            diff --git a/run.sh b/run.sh
            old mode 100644
            new mode 100755
            diff --git "a/t\\303\\251st.py" "b/t\\303\\251st.py"
            --- "a/t\\303\\251st.py"
            +++ "b/t\\303\\251st.py"
            @@ -1 +1 @@
            -a
            +b
            --- a/lib/gnu.py\t2024-01-01 00:00:00
            +++ b/lib/gnu.py\t2024-01-02 00:00:00
            @@ -1 +1 @@
            -a
            +b
            """;

    assertThat(PatchFiles.touched(patch))
        .containsExactly(
            "src/app.py", "new file.py", "old.py", "renamed.py", "run.sh", "tést.py", "lib/gnu.py");
  }

  @Test
  void removedLinesThatLookLikeHeaders_areNotPaths() {
    String patch =
        """
        --- a/notes.md
        +++ b/notes.md
        @@ -1 +1 @@
        --- a/fake
        +++ b/fake
        --- a/real.md
        +++ b/real.md
        @@ -1,2 +1,2 @@
         same
        -old
        +new
        """;

    assertThat(PatchFiles.touched(patch)).containsExactly("notes.md", "real.md");
  }

  @ParameterizedTest(name = "\"{0}\" safe: {1}")
  @CsvSource({
    "src/a.py, true",
    "src/..a.py, true",
    "/etc/passwd, false",
    "src/../../x, false",
    "'', false",
    ".git/config, false",
    "sub/.Git/hooks/x, false",
    ".git, false",
    ".gitattributes, true",
    "src/git.py, true"
  })
  void isSafe_rejectsAbsoluteAndParentPathsAndAnythingNamedGitInAnyCase(String path, boolean safe) {
    assertThat(PatchFiles.isSafe(path)).isEqualTo(safe);
  }

  @Test
  void symlinks_readModesAndTargets() {
    String patch =
        APP_PY
            + """
            diff --git a/tests b/tests
            new file mode 120000
            index 0000000..34ed534
            --- /dev/null
            +++ b/tests
            @@ -0,0 +1 @@
            +/etc
            \\ No newline at end of file
            diff --git a/docs/link b/docs/link
            index 3333333..4444444 120000
            --- a/docs/link
            +++ b/docs/link
            @@ -1 +1 @@
            -old.md
            \\ No newline at end of file
            +new.md
            \\ No newline at end of file
            diff --git a/gone b/gone
            deleted file mode 120000
            index 5555555..0000000
            --- a/gone
            +++ /dev/null
            @@ -1 +0,0 @@
            -/etc
            \\ No newline at end of file
            """;

    assertThat(PatchFiles.symlinks(patch))
        .containsExactly(
            new PatchFiles.Symlink("tests", "/etc"), new PatchFiles.Symlink("docs/link", "new.md"));
  }
}
