package dev.apex.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.apex.workers.testing.ApexLauncher;
import dev.apex.workers.testing.DevServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./apex eval} as a user runs it when the grading environment is wrong: no bubblewrap
 * (refused, or run unisolated when allowed), a task set that says {@code python -m pytest} (valid
 * through APEX's tool environment, an ERROR naming the command without it), and a hanging test (one
 * test timeout, one sandbox at a time).
 */
class GradingEnvironmentIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static DevServer server;
  private static Path bundled;

  @BeforeAll
  static void start() {
    server = DevServer.ensureRunning();
    bundled = server.repoRoot().resolve("tasks/apex-bugs/tasks.jsonl");
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void eval_withoutBubblewrap_exits2WithOneLineNamingTheFix() {
    ApexLauncher.Run run =
        ApexLauncher.against(server)
            .with("APEX_BWRAP", "/nonexistent/bwrap")
            .run(
                Duration.ofMinutes(2), "eval", "--predictions", "gold", "--out", runDir("nobwrap"));

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.errLines()).hasSize(1);
    assertThat(run.err())
        .contains("bwrap not found at /nonexistent/bwrap")
        .contains("apt-get install bubblewrap")
        .contains("--allow-unsandboxed")
        .contains("APEX_ALLOW_UNSANDBOXED=1");
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void eval_withoutBubblewrapButAllowed_runsUnisolatedAndSaysSoFirst() throws IOException {
    String out = runDir("unsandboxed");
    ApexLauncher.Run run =
        ApexLauncher.against(server)
            .with("APEX_BWRAP", "/nonexistent/bwrap")
            .run(
                Duration.ofMinutes(5),
                "eval",
                "--allow-unsandboxed",
                "--predictions",
                "gold",
                "--instance-ids",
                "py-median-even",
                "--out",
                out);

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines().findFirst().orElse(""))
        .contains("WITHOUT a sandbox (--allow-unsandboxed)")
        .contains("NOT ISOLATED");
    JsonNode report = JSON.readTree(Path.of(out, "report.json").toFile());
    assertThat(report.path("sandbox").asText()).isEqualTo("none");
    assertThat(report.path("resolved").asInt()).isEqualTo(1);
  }

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void gold_pythonCommandThroughTheToolEnvironment_validatesEveryPythonTask() throws IOException {
    Path tasks = pythonTasks("python-with-env", true);
    String out = runDir("python-with-env");

    ApexLauncher.Run run = gold(tasks, out, "--concurrency", "2");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JSON.readTree(Path.of(out, "report.json").toFile());
    assertThat(report.path("tasks").asInt()).isEqualTo(14);
    assertThat(report.path("resolved").asInt()).as(report.toString()).isEqualTo(14);
    assertThat(report.path("sandbox").asText()).isEqualTo("bubblewrap");
    assertThat(run.out()).contains("environment check passed");
    for (JsonNode row : rows(out)) {
      Path evidence = Path.of(out, row.path("evidence").asText());
      assertThat(evidence.resolve("patch.diff")).exists();
      assertThat(evidence.resolve("eval.sh")).content().contains("python -m pytest");
      assertThat(evidence.resolve("test_output.txt")).content().contains("passed");
      JsonNode grade = JSON.readTree(evidence.resolve("grade.json").toFile());
      assertThat(grade.path("runs").path(0).path("exit_code").asInt(-1)).isZero();
    }
  }

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES)
  void gold_pythonCommandWithoutTheToolEnvironment_isAnErrorNamingTheCommand() throws IOException {
    Path tasks = pythonTasks("python-without-env", false);
    String out = runDir("python-without-env");

    ApexLauncher.Run run = gold(tasks, out, "--concurrency", "2");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("14 task(s) did not validate")
        .contains("every task ended in ERROR");
    List<JsonNode> rows = rows(out);
    assertThat(rows).hasSize(14);
    for (JsonNode row : rows) {
      assertThat(row.path("outcome").asText()).isEqualTo("ERROR");
      assertThat(row.path("reason").asText()).contains("exit 127").contains("python: not found");
    }
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void hangingTestWithoutTaskTimeout_costsOneTestTimeoutInOneSandboxAtATime() throws Exception {
    Path tasks = hangingTask();
    String out = runDir("hang");
    Path stdout = Files.createTempFile("apex-hang", ".out");
    Path stderr = Files.createTempFile("apex-hang", ".err");
    Process eval =
        ApexLauncher.against(server)
            .start(
                stdout,
                stderr,
                "eval",
                "--predictions",
                "gold",
                "--tasks",
                tasks.toString(),
                "--test-timeout-s",
                "6",
                "--out",
                out);
    int most = 0;
    int seen = 0;
    while (eval.isAlive()) {
      long sandboxes = eval.descendants().filter(GradingEnvironmentIT::isTestSandbox).count();
      most = Math.max(most, (int) sandboxes);
      seen += sandboxes > 0 ? 1 : 0;
      eval.waitFor(100, TimeUnit.MILLISECONDS);
    }

    assertThat(eval.exitValue()).as(Files.readString(stderr)).isZero();
    assertThat(seen).as("polls that saw the sandbox").isPositive();
    assertThat(most).as("sandboxes at once").isEqualTo(1);
    JsonNode row = rows(out).getFirst();
    assertThat(row.path("outcome").asText()).isEqualTo("UNRESOLVED");
    assertThat(row.path("reason").asText()).contains("timed out after 6 s");
    JsonNode grade =
        JSON.readTree(Path.of(out, row.path("evidence").asText(), "grade.json").toFile());
    assertThat(grade.path("runs")).hasSize(1);
    assertThat(grade.path("runs").get(0).path("elapsed_s").asDouble()).isBetween(6.0, 25.0);
  }

  /**
   * The outer bubblewrap process of a sandbox running pytest (bubblewrap forks an inner one into
   * the new namespaces; that one is not counted again).
   */
  private static boolean isTestSandbox(ProcessHandle process) {
    boolean bwrap = process.info().command().orElse("").endsWith("/bwrap");
    boolean parentIsBwrap =
        process.parent().flatMap(p -> p.info().command()).orElse("").endsWith("/bwrap");
    String args = String.join(" ", process.info().arguments().orElse(new String[0]));
    return bwrap && !parentIsBwrap && args.contains("pytest");
  }

  private static ApexLauncher.Run gold(Path tasks, String out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("eval", "--predictions", "gold", "--tasks", tasks.toString(), "--out", out));
    args.addAll(List.of(more));
    return ApexLauncher.against(server).run(Duration.ofMinutes(14), args.toArray(String[]::new));
  }

  /** The bundled Python tasks, saying {@code python -m pytest}, with or without their test_env. */
  private static Path pythonTasks(String name, boolean withEnv) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (String line : Files.readAllLines(bundled)) {
      ObjectNode task = (ObjectNode) JSON.readTree(line);
      if (!task.path("log_parser").asText().equals("pytest")) {
        continue;
      }
      task.put("test_cmd", task.path("test_cmd").asText().replace("python3 -m", "python -m"));
      task.put(
          "repo_path", bundled.getParent().resolve(task.path("repo_path").asText()).toString());
      if (!withEnv) {
        task.remove("test_env");
      }
      lines.append(JSON.writeValueAsString(task)).append('\n');
    }
    return write(name, lines.toString());
  }

  /** One task whose gold patch makes its test loop forever, with no timeout_s of its own. */
  private static Path hangingTask() throws IOException {
    Path repo = Path.of(runDir("hang-repo"));
    Files.createDirectories(repo);
    Files.writeString(repo.resolve("calc.py"), "def add(a, b):\n    return a - b\n");
    ObjectNode task = JSON.createObjectNode();
    task.put("instance_id", "py-hang");
    task.put("repo_path", repo.toString());
    task.put("problem_statement", "add subtracts");
    task.put(
        "patch",
        """
        diff --git a/calc.py b/calc.py
        --- a/calc.py
        +++ b/calc.py
        @@ -1,2 +1,3 @@
         def add(a, b):
        -    return a - b
        +    while True:
        +        pass
        """);
    task.put(
        "test_patch",
        """
        diff --git a/tests/test_calc.py b/tests/test_calc.py
        new file mode 100644
        --- /dev/null
        +++ b/tests/test_calc.py
        @@ -0,0 +1,5 @@
        +from calc import add
        +
        +
        +def test_add():
        +    assert add(2, 3) == 5
        """);
    task.putArray("FAIL_TO_PASS").add("tests/test_calc.py::test_add");
    task.putArray("PASS_TO_PASS");
    task.put("test_cmd", "python -m pytest -rA -p no:cacheprovider tests/test_calc.py");
    task.put("log_parser", "pytest");
    task.putArray("test_env").add("apex:python");
    return write("hang", JSON.writeValueAsString(task) + "\n");
  }

  private static Path write(String name, String content) throws IOException {
    Path file = Path.of(runDir("tasks-" + name), "tasks.jsonl");
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  private static List<JsonNode> rows(String out) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(out, "results.jsonl"))) {
      rows.add(JSON.readTree(line));
    }
    return rows;
  }

  private static String runDir(String name) {
    return server
        .repoRoot()
        .resolve("workers/target/it-runs/grading-env-" + name + "-" + UUID.randomUUID())
        .toString();
  }
}
