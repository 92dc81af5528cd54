package dev.apex.backends;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Five worker processes loading the same model at once, as a batch starts them. */
class ConcurrentStartIT {

  private static final int WORKERS = 5;

  @TempDir Path dir;

  @Test
  void fiveProcessesStartingTogether_allLoad_andEachPrintsOnlyItsJsonLine() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < WORKERS; i++) {
      processes.add(
          new ProcessBuilder(
                  java,
                  "--enable-native-access=ALL-UNNAMED",
                  "-Dapex.repositoryRoot=" + TestModels.repositoryRoot(),
                  "-cp",
                  System.getProperty("java.class.path") + File.pathSeparator + testClasses(),
                  ModelCheckMain.class.getName())
              .redirectOutput(dir.resolve("out" + i).toFile())
              .redirectError(dir.resolve("err" + i).toFile())
              .start());
    }
    for (int i = 0; i < WORKERS; i++) {
      Process p = processes.get(i);
      assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("worker %d finished", i).isTrue();
      String err = Files.readString(dir.resolve("err" + i), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).as("worker %d exit; stderr:%n%s", i, err).isZero();
      List<String> out = Files.readAllLines(dir.resolve("out" + i), StandardCharsets.UTF_8);
      assertThat(out).as("worker %d stdout", i).hasSize(1);
      assertThat(new ObjectMapper().readTree(out.get(0)).get("completion_tokens").asInt())
          .isPositive();
    }
  }

  private static String testClasses() throws Exception {
    return Path.of(
            ConcurrentStartIT.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }
}
