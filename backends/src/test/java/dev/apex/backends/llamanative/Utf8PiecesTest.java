package dev.apex.backends.llamanative;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Utf8PiecesTest {

  @Test
  void characterSplitAcrossPieces_isHeldBackUntilWhole() {
    byte[] wave = "🌊".getBytes(StandardCharsets.UTF_8);
    Utf8Pieces pieces = new Utf8Pieces();
    assertThat(pieces.add("a".getBytes(StandardCharsets.UTF_8))).isEqualTo("a");
    assertThat(pieces.add(Arrays.copyOfRange(wave, 0, 1))).isEmpty();
    assertThat(pieces.add(Arrays.copyOfRange(wave, 1, 3))).isEmpty();
    assertThat(pieces.add(Arrays.copyOfRange(wave, 3, 4))).isEqualTo("🌊");
  }

  @Test
  void wholeCharactersFollowedByAPartialOne_returnsTheWholeOnes() {
    byte[] text = "日本".getBytes(StandardCharsets.UTF_8);
    Utf8Pieces pieces = new Utf8Pieces();
    assertThat(pieces.add(Arrays.copyOfRange(text, 0, 4))).isEqualTo("日");
    assertThat(pieces.add(Arrays.copyOfRange(text, 4, 6))).isEqualTo("本");
  }
}
