package dev.apex.workflows.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RunLayoutTest {

  @Test
  void fileName_plainLowercaseId_isKeptAsItIs() {
    assertThat(RunLayout.fileName("django__django-11099")).isEqualTo("django__django-11099");
    assertThat(RunLayout.fileName("apex-static-star-0a1b2c--py-slugify"))
        .isEqualTo("apex-static-star-0a1b2c--py-slugify");
  }

  @Test
  void fileName_idsThatOnceCollided_getDistinctNamesEvenIgnoringCase() {
    List<String> ids = List.of("a/b", "a_b", "a:b", "Foo", "foo", "FOO", "a b", "a\\b");
    Set<String> folded =
        ids.stream()
            .map(id -> RunLayout.fileName(id).toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
    assertThat(folded).hasSize(ids.size());
  }

  @Test
  void fileName_plainNameThatLooksHashed_cannotMeetAHashedName() {
    String hashed = RunLayout.fileName("a/b");
    assertThat(hashed).contains("~");
    // '~' is not plain, so an id spelled like the hashed name is hashed again.
    assertThat(RunLayout.fileName(hashed)).isNotEqualTo(hashed);
  }

  @Test
  void fileName_veryLongId_isBoundedAndStillDistinct() {
    String base = "x".repeat(300);
    String a = RunLayout.fileName(base + "a");
    String b = RunLayout.fileName(base + "b");
    assertThat(a).hasSizeLessThanOrEqualTo(113).startsWith("xxxx");
    assertThat(a).isNotEqualTo(b);
    assertThat(RunLayout.fileName("y".repeat(RunLayout.MAX_PLAIN))).hasSize(RunLayout.MAX_PLAIN);
    assertThat(RunLayout.fileName("y".repeat(RunLayout.MAX_PLAIN + 1))).contains("~");
  }

  @Test
  void fileName_dotNames_neverNameTheFolderOrItsParent() {
    assertThat(RunLayout.fileName(".")).isNotIn(".", "..").doesNotStartWith(".");
    assertThat(RunLayout.fileName("..")).isNotIn(".", "..").doesNotStartWith(".");
    assertThat(RunLayout.fileName("../x")).doesNotContain("/");
  }

  @Test
  void fileName_idEndingLikeAWorkingCopysSibling_cannotMeetThatSibling() {
    String workspace = RunLayout.workspace("/r", "b--x");
    assertThat(RunLayout.workspace("/r", "b--x.git")).isNotEqualTo(RunLayout.gitDir(workspace));
    assertThat(RunLayout.workspace("/r", "b--x.turns"))
        .isNotEqualTo(RunLayout.turnCheckpoints(workspace));
  }

  @Test
  void paths_areUnderTheRunDirectory() {
    assertThat(RunLayout.episodeFile("/r", "a/b")).startsWith("/r/episodes/").endsWith(".json");
    assertThat(RunLayout.workspace("/r", "b--a/b")).startsWith("/r/workspaces/b--a_b~");
    assertThat(RunLayout.sessions("/r", "b--t1")).isEqualTo("/r/sessions/b--t1");
  }
}
