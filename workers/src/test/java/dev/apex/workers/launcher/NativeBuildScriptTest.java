package dev.apex.workers.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/native-build.sh}'s cache and failure handling, run on a copy of the script with a
 * PATH of the machine's tools where {@code cmake} is a recording fake (or missing): the fake
 * "builds" a llama.cpp tree in milliseconds, so what is checked is the script, not the compiler.
 * The real build is what CI's "Native engine" step and the native backend's tests exercise.
 */
class NativeBuildScriptTest {

  @TempDir Path dir;
  private Path script;
  private Path tools;
  private Path nativeHome;
  private Path source;
  private Path cmakeLog;

  @BeforeEach
  void copyScriptBesideTools() throws Exception {
    script =
        ShellRun.copyOf("scripts/native-build.sh", dir.resolve("repo/scripts/native-build.sh"));
    nativeHome = dir.resolve("native");
    cmakeLog = dir.resolve("cmake.log");

    // Every tool of the machine but cmake (and nvcc, so the backend is the CPU one everywhere).
    tools = Files.createDirectories(dir.resolve("tools"));
    for (String bin : List.of("/usr/local/bin", "/usr/bin", "/bin")) {
      if (!Files.isDirectory(Path.of(bin))) {
        continue;
      }
      try (Stream<Path> files = Files.list(Path.of(bin))) {
        for (Path tool : files.toList()) {
          String name = tool.getFileName().toString();
          Path link = tools.resolve(name);
          if (!name.startsWith("cmake") && !name.equals("nvcc") && !Files.exists(link)) {
            Files.createSymbolicLink(link, tool);
          }
        }
      }
    }

    // A llama.cpp tree as far as the script looks at one; not a git checkout.
    source = Files.createDirectories(dir.resolve("llama.cpp"));
    Files.writeString(source.resolve("CMakeLists.txt"), "project(llama)\n");
    Files.createDirectories(source.resolve("include"));
    Files.writeString(source.resolve("include/llama.h"), "int llama_fake(void);\n");
    Files.createDirectories(source.resolve("ggml/include"));
    Files.writeString(source.resolve("ggml/include/ggml.h"), "int ggml_fake(void);\n");
  }

  /** A cmake that configures by making the build folder and builds by writing fake outputs. */
  private void fakeCmake(String buildStep) throws IOException {
    ShellRun.script(
        tools.resolve("cmake"),
        "echo \"$1\" >> '"
            + cmakeLog
            + "'\n"
            + "case \"$1\" in\n"
            + "  -S) mkdir -p \"$4\" ;;\n"
            + "  --build) b=\"$2\"; mkdir -p \"$b/bin\"\n"
            + buildStep
            + "\n ;;\n"
            + "esac");
  }

  private static final String BUILDS =
      "echo lib > \"$b/bin/libllama.so\"; echo lib > \"$b/bin/libggml.so\";"
          + " printf '#!/bin/sh\\nexit 0\\n' > \"$b/bin/llama-bench\"; chmod +x \"$b/bin/llama-bench\"";

  @Test
  void build_withoutCmake_saysInOneLineWhichPackageToInstall() throws Exception {
    ShellRun run = build("--source", source.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().strip())
        .isEqualTo("native-build: cmake not found; install it (apt-get install cmake)");
    assertThat(nativeHome).doesNotExist();
  }

  @Test
  void build_sourceThatIsNotLlamaCpp_isRefusedNamingIt() throws Exception {
    fakeCmake(BUILDS);
    Path other = Files.createDirectories(dir.resolve("not-llama"));

    ShellRun run = build("--source", other.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "--source "
                + other
                + " is not a llama.cpp tree (no CMakeLists.txt and include/llama.h)");
    assertThat(cmakeLog).doesNotExist();
  }

  @Test
  void build_thenAgain_secondIsACacheHitOfTheSameEngine() throws Exception {
    fakeCmake(BUILDS);

    ShellRun first = build("--source", source.toString());
    ShellRun second = build("--source", source.toString());

    assertThat(first.exitCode()).as(first.err()).isZero();
    Path engine = Path.of(first.out().strip());
    assertThat(engine.getParent()).isEqualTo(nativeHome);
    assertThat(engine.getFileName().toString()).matches("dir[0-9a-f]{7}-cpu-[0-9a-f]{8}");
    assertThat(engine.resolve("lib/libllama.so")).exists();
    assertThat(engine.resolve("include/llama.h")).exists();
    assertThat(engine.resolve("include/ggml.h")).exists();
    assertThat(engine.resolve("bin/llama-bench")).isExecutable();
    JsonNode json = new ObjectMapper().readTree(engine.resolve("engine.json").toFile());
    assertThat(json.path("backend").asText()).isEqualTo("cpu");
    assertThat(json.path("source").asText()).isEqualTo("dir:" + source);
    assertThat(json.path("cmake_flags").toString()).contains("-DGGML_NATIVE=OFF");
    assertThat(Files.readSymbolicLink(nativeHome.resolve("current")))
        .isEqualTo(engine.getFileName());
    assertThat(first.err())
        .contains("native-build: built: llama.cpp " + json.path("llama_cpp").asText());

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out().strip()).isEqualTo(engine.toString());
    assertThat(second.err()).contains("native-build: cache hit:");
    assertThat(Files.readAllLines(cmakeLog)).containsExactly("-S", "--build");
  }

  @Test
  void build_failing_leavesNoEngineThatLooksDone_andARerunBuildsAgain() throws Exception {
    fakeCmake("echo 'error: out of memory'; exit 2");

    ShellRun failed = build("--source", source.toString());

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.err())
        .contains("error: out of memory")
        .contains("native-build: build failed; log:");
    try (Stream<Path> left = Files.walk(nativeHome)) {
      assertThat(left.filter(p -> p.getFileName().toString().equals("engine.json"))).isEmpty();
    }
    assertThat(nativeHome.resolve("current")).doesNotExist();

    fakeCmake(BUILDS);
    ShellRun rerun = build("--source", source.toString());

    assertThat(rerun.exitCode()).as(rerun.err()).isZero();
    assertThat(rerun.err()).contains("native-build: built:");
    assertThat(Path.of(rerun.out().strip()).resolve("engine.json")).exists();
  }

  @Test
  void build_changedSource_isADifferentEngine() throws Exception {
    fakeCmake(BUILDS);
    ShellRun first = build("--source", source.toString());
    Files.writeString(source.resolve("include/llama.h"), "int llama_fake(int changed);\n");

    ShellRun second = build("--source", source.toString());

    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out().strip()).isNotEqualTo(first.out().strip());
    assertThat(second.err()).contains("native-build: built:");
  }

  @Test
  void status_withoutEngines_saysHowToBuildOne() throws Exception {
    ShellRun run = build("--status");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no engine in " + nativeHome + ": run ./apex native build");
  }

  @Test
  void status_afterABuild_marksTheCurrentEngine() throws Exception {
    fakeCmake(BUILDS);
    Path engine = Path.of(build("--source", source.toString()).out().strip());

    ShellRun run = build("--status");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("current  llama.cpp dir")
        .contains(" cpu [")
        .contains("JNI shim missing: " + engine);
  }

  private ShellRun build(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("PATH", tools.toString());
    builder.environment().put("APEX_NATIVE_HOME", nativeHome.toString());
    builder.environment().remove("JAVA_HOME");
    return ShellRun.run(builder, dir, 120);
  }
}
