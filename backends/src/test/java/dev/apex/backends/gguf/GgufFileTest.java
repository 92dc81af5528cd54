package dev.apex.backends.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufFileTest {

  @TempDir Path dir;

  @Test
  void read_syntheticModel_exposesArchitectureShapeAndTemplate() throws Exception {
    Path path = SyntheticGguf.llama(30, 3, 64).writeTo(dir.resolve("m.gguf"));
    GgufFile file = GgufFile.read(path);
    assertThat(file.version()).isEqualTo(3);
    assertThat(file.architecture()).isEqualTo("llama");
    assertThat(file.blockCount()).hasValue(30);
    assertThat(file.headCountKv()).hasValue(3);
    assertThat(file.headCount()).hasValue(6);
    assertThat(file.embeddingLength()).hasValue(384);
    assertThat(file.contextLength()).hasValue(4096);
    assertThat(file.chatTemplate()).get().asString().contains("<|im_start|>");
    assertThat(file.tensors()).hasSize(1);
    assertThat(file.tensorBytes()).isEqualTo(4096);
    assertThat(file.dataEnd()).isEqualTo(file.fileSize());
    assertThat(file.metadata().get("tokenizer.ggml.tokens"))
        .isEqualTo(new GgufArray(8, 4, java.util.List.of("<s>", "</s>", "a", "b")));
  }

  @Test
  void read_textFile_saysNotGguf() throws Exception {
    Path path = Files.writeString(dir.resolve("notes.gguf"), "hello, not a model\n");
    assertThatThrownBy(() -> GgufFile.read(path))
        .isInstanceOf(GgufFormatException.class)
        .hasMessageStartingWith("not a GGUF file: ")
        .hasMessageContaining("notes.gguf");
  }

  @Test
  void read_emptyFile_saysNotGguf() throws Exception {
    Path path = Files.write(dir.resolve("empty.gguf"), new byte[0]);
    assertThatThrownBy(() -> GgufFile.read(path)).hasMessageStartingWith("not a GGUF file: ");
  }

  @Test
  void read_tensorDataCutShort_saysTruncatedWithSizes() throws Exception {
    Path path = SyntheticGguf.llama(2, 1, 8).cut(100).writeTo(dir.resolve("cut.gguf"));
    long size = Files.size(path);
    assertThatThrownBy(() -> GgufFile.read(path))
        .isInstanceOf(GgufFormatException.class)
        .hasMessageStartingWith("truncated GGUF: ")
        .hasMessageContaining(size + " bytes")
        .hasMessageContaining("ends at byte " + (size + 100));
  }

  @Test
  void read_headerCutShort_saysTruncated() throws Exception {
    Path whole = SyntheticGguf.llama(2, 1, 8).writeTo(dir.resolve("whole.gguf"));
    Path path =
        Files.write(
            dir.resolve("head.gguf"), java.util.Arrays.copyOf(Files.readAllBytes(whole), 60));
    assertThatThrownBy(() -> GgufFile.read(path)).hasMessageStartingWith("truncated GGUF: ");
  }

  @Test
  void read_missingFile_throwsNoSuchFile() {
    assertThatThrownBy(() -> GgufFile.read(dir.resolve("absent.gguf")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
