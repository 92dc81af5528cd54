package dev.apex.workers.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code apex} launcher's check of the system packages that {@code eval} and {@code workers up}
 * need, run on a copy of the launcher with a PATH of stubs: bubblewrap is missing there (never on
 * this machine), {@code id} says who runs it, {@code apt-get} records what it was asked, and a fake
 * JDK's {@code java} only says that the CLI would start.
 */
class LauncherSystemPackagesTest {

  private static final List<String> REAL_TOOLS =
      List.of(
          "bash", "env", "dirname", "sed", "cat", "ls", "head", "mkdir", "find", "cksum", "cut",
          "stat", "rm", "touch", "mktemp", "grep", "tr", "printf", "chmod");

  @TempDir Path dir;
  private Path home;
  private Path stubs;
  private Path aptLog;

  @BeforeEach
  void copyLauncherBesideStubs() throws Exception {
    home = dir.resolve("home");
    ShellRun.copyOf("apex", home.resolve("apex"));
    Path target = Files.createDirectories(home.resolve("workers/target"));
    Files.writeString(target.resolve("apex-workers-0.jar"), "");
    Files.writeString(target.resolve("classpath.txt"), "");
    Path jdk = Files.createDirectories(dir.resolve("jdk/bin"));
    Files.writeString(dir.resolve("jdk/release"), "JAVA_VERSION=\"25.0.1\"\n");
    ShellRun.script(jdk.resolve("javac"), "exit 0");
    ShellRun.script(jdk.resolve("java"), "echo \"the CLI starts with: ${*: -2}\"");

    stubs = Files.createDirectories(dir.resolve("stubs"));
    aptLog = dir.resolve("apt-get.log");
    for (String tool : REAL_TOOLS) {
      ShellRun.script(stubs.resolve(tool), "exec " + which(tool) + " \"$@\"");
    }
    for (String present : List.of("git", "patch", "python3", "unzip")) {
      ShellRun.script(stubs.resolve(present), "exit 0");
    }
    ShellRun.script(stubs.resolve("uname"), "echo Linux");
    ShellRun.script(stubs.resolve("id"), "echo \"$FAKE_UID\"");
    // apt-get install puts a bwrap on the PATH, unless FAKE_APT_FAILS is set.
    ShellRun.script(
        stubs.resolve("apt-get"),
        "echo \"$*\" >> '"
            + aptLog
            + "'\n"
            + "case \"$1\" in install) [ -z \"${FAKE_APT_FAILS:-}\" ] || exit 100;"
            + " printf '#!/bin/sh\\nexit 0\\n' > '"
            + stubs.resolve("bwrap")
            + "'; chmod +x '"
            + stubs.resolve("bwrap")
            + "' ;; esac");
  }

  @Test
  void eval_bubblewrapMissing_notRoot_stopsWithTheOneCommandToRun() throws Exception {
    ShellRun run = apex(Map.of("FAKE_UID", "1000"), "eval");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo(
            "apex: missing system packages: bubblewrap; install them with:"
                + " sudo apt-get install -y --no-install-recommends bubblewrap");
    assertThat(run.out()).doesNotContain("the CLI starts");
    assertThat(aptLog).doesNotExist();
  }

  @Test
  void eval_bubblewrapMissing_asRoot_saysWhatItInstalls_installsIt_andRuns() throws Exception {
    ShellRun run = apex(Map.of("FAKE_UID", "0"), "eval");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .contains(
            "apex: installing system packages the run needs: bubblewrap (apt-get update &&"
                + " apt-get install -y --no-install-recommends bubblewrap)");
    assertThat(Files.readAllLines(aptLog))
        .containsExactly("update -qq", "install -y -qq --no-install-recommends bubblewrap");
    assertThat(stubs.resolve("bwrap")).isExecutable();
    assertThat(run.out()).contains("the CLI starts with: dev.apex.workers.cli.ApexCli eval");
  }

  @Test
  void workersUp_aptGetFails_stopsAndSaysWhatToRun() throws Exception {
    ShellRun run = apex(Map.of("FAKE_UID", "0", "FAKE_APT_FAILS", "1"), "workers", "up");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "apex: could not install bubblewrap; run: apt-get update && apt-get install -y"
                + " --no-install-recommends bubblewrap");
    assertThat(run.out()).doesNotContain("the CLI starts");
  }

  @Test
  void eval_severalMissing_withoutAptGet_namesThemAll() throws Exception {
    Files.delete(stubs.resolve("apt-get"));
    Files.delete(stubs.resolve("git"));
    Files.delete(stubs.resolve("unzip"));

    ShellRun run = apex(Map.of("FAKE_UID", "0"), "eval");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo(
            "apex: missing system packages: bubblewrap git unzip (Debian names); install them"
                + " with your package manager");
  }

  @Test
  void eval_pythonWithoutPip_asksForPip() throws Exception {
    ShellRun.script(stubs.resolve("python3"), "[ \"$1 $2\" != '-m pip' ] || exit 1");
    ShellRun.script(stubs.resolve("bwrap"), "exit 0");

    ShellRun run = apex(Map.of("FAKE_UID", "1000"), "eval");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("sudo apt-get install -y --no-install-recommends python3-pip");
  }

  @Test
  void eval_allowUnsandboxed_bubblewrapMissing_runsWithoutInstalling() throws Exception {
    ShellRun run = apex(Map.of("FAKE_UID", "1000"), "eval", "--allow-unsandboxed");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("the CLI starts with: eval --allow-unsandboxed");
    assertThat(aptLog).doesNotExist();
  }

  @Test
  void eval_pythonWithoutVenv_asksForVenv() throws Exception {
    ShellRun.script(stubs.resolve("python3"), "[ \"$1\" != -c ] || exit 1");
    ShellRun.script(stubs.resolve("bwrap"), "exit 0");

    ShellRun run = apex(Map.of("FAKE_UID", "1000"), "eval");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo(
            "apex: missing system packages: python3-venv; install them with:"
                + " sudo apt-get install -y --no-install-recommends python3-venv");
  }

  @Test
  void workersStatus_bubblewrapMissing_isNotChecked() throws Exception {
    ShellRun run = apex(Map.of("FAKE_UID", "1000"), "workers", "status");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("the CLI starts with: workers status");
    assertThat(aptLog).doesNotExist();
  }

  @Test
  void eval_everythingPresent_installsNothing() throws Exception {
    ShellRun.script(stubs.resolve("bwrap"), "exit 0");

    ShellRun run = apex(Map.of("FAKE_UID", "0"), "eval");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("installing");
    assertThat(aptLog).doesNotExist();
  }

  private ShellRun apex(Map<String, String> env, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(home.resolve("apex").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    builder.environment().put("PATH", stubs.toString());
    builder.environment().put("HOME", dir.toString());
    builder.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
    builder.environment().put("APEX_NO_BUILD", "1");
    builder.environment().put("APEX_CLI_CDS", "0");
    return ShellRun.run(builder, dir, 60);
  }

  private static Path which(String tool) {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no " + tool + " in /usr/bin, /bin or /usr/local/bin");
  }
}
