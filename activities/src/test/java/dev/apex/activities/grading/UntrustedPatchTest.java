package dev.apex.activities.grading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UntrustedPatchTest {

  private static String modify(String path) {
    return "diff --git a/"
        + path
        + " b/"
        + path
        + "\n--- a/"
        + path
        + "\n+++ b/"
        + path
        + "\n@@ -1 +1,2 @@\n x\n+y\n";
  }

  private static String link(String path, String target) {
    return "diff --git a/"
        + path
        + " b/"
        + path
        + "\nnew file mode 120000\nindex 0000000..1111111\n--- /dev/null\n+++ b/"
        + path
        + "\n@@ -0,0 +1 @@\n+"
        + target
        + "\n\\ No newline at end of file\n";
  }

  @Test
  void ordinaryPatch_isAccepted() {
    assertThat(UntrustedPatch.refusal(modify("src/app.py") + link("docs/up", "../README.md")))
        .isNull();
  }

  @ParameterizedTest
  @CsvSource({
    ".git/config, touches .git/config",
    ".GIT/config, touches .GIT/config",
    "sub/.git/hooks/pre-commit, touches sub/.git/hooks/pre-commit",
    ".git./config, touches .git./config",
    "git~1/config, touches git~1/config",
    "/etc/passwd, has an absolute path: /etc/passwd",
    "../outside.py, climbs out of the working copy: ../outside.py",
    "src/../../outside.py, climbs out of the working copy: src/../../outside.py",
  })
  void pathsOutOfBounds_areRefusedWithTheReason(String path, String reason) {
    assertThat(UntrustedPatch.refusal(modify("src/app.py") + modify(path)))
        .isEqualTo("patch refused: " + reason);
  }

  @Test
  void gitConfigFilterAttack_isRefused() {
    String attack =
        """
        diff --git a/.gitattributes b/.gitattributes
        new file mode 100644
        --- /dev/null
        +++ b/.gitattributes
        @@ -0,0 +1 @@
        +* filter=x
        diff --git a/.git/config b/.git/config
        --- a/.git/config
        +++ b/.git/config
        @@ -1,1 +1,3 @@
         [core]
        +[filter "x"]
        +\tclean = touch /tmp/pwned
        """;

    assertThat(UntrustedPatch.refusal(attack)).isEqualTo("patch refused: touches .git/config");
  }

  @Test
  void renameIntoGit_isRefused() {
    String rename =
        """
        diff --git a/hook.sh b/.git/hooks/post-checkout
        similarity index 100%
        rename from hook.sh
        rename to .git/hooks/post-checkout
        """;

    assertThat(UntrustedPatch.refusal(rename))
        .isEqualTo("patch refused: touches .git/hooks/post-checkout");
  }

  @ParameterizedTest
  @CsvSource({
    "tests, /etc, creates a symbolic link out of the working copy: tests -> /etc",
    "tests, ../../home, creates a symbolic link out of the working copy: tests -> ../../home",
    "a/b/up, ../../../x, creates a symbolic link out of the working copy: a/b/up -> ../../../x",
    "cfg, .git/config, creates a symbolic link into .git: cfg -> .git/config",
    "cfg, sub/../.GIT, creates a symbolic link into .git: cfg -> sub/../.GIT",
  })
  void symlinksOutOfTheCopy_areRefused(String path, String target, String reason) {
    assertThat(UntrustedPatch.refusal(link(path, target))).isEqualTo("patch refused: " + reason);
  }

  @Test
  void symlinkGivenAsBinaryPatch_isRefused() {
    String binary =
        """
        diff --git a/tests b/tests
        new file mode 120000
        index 0000000..1111111
        GIT binary patch
        literal 4
        LcmZ?wbaDUy0eJv}

        literal 0
        HcmV?d00001

        """;

    assertThat(UntrustedPatch.refusal(binary))
        .isEqualTo("patch refused: creates a symbolic link whose target cannot be read: tests");
  }

  @Test
  void fileTurnedIntoASymlink_isChecked() {
    String modeChange =
        """
        diff --git a/run_tests.sh b/run_tests.sh
        old mode 100644
        new mode 120000
        --- a/run_tests.sh
        +++ b/run_tests.sh
        @@ -1 +1 @@
        -echo tests
        +/bin/true
        \\ No newline at end of file
        """;

    assertThat(UntrustedPatch.refusal(modeChange))
        .isEqualTo(
            "patch refused: creates a symbolic link out of the working copy: run_tests.sh ->"
                + " /bin/true");
  }
}
