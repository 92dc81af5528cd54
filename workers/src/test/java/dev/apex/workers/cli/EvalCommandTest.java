package dev.apex.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.apex.workers.testing.DevServer;
import dev.apex.workflows.batch.BatchInput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code apex eval}'s input checks: every bad input is refused before anything starts. */
class EvalCommandTest {

  private static final Path HOME = DevServer.findRepoRoot(Path.of(""));

  /** No server on this port: a command that got past its checks would fail to connect. */
  private static final Map<String, String> ENV =
      Map.of(
          "TEMPORAL_ADDRESS",
          "127.0.0.1:1",
          "APEX_LLM_BACKEND",
          "stub",
          "APEX_HOME",
          HOME.toString());

  @Test
  void unknownPolicy_isRefusedWithThePolicies() {
    assertRefused(
        ENV, "unknown policy 'nope'; use one of [", "see ./apex eval --help", "--policy", "nope");
  }

  @Test
  void budgetZero_isRefused() {
    assertRefused(ENV, "--budget must be > 0, got 0", "--help", "--budget", "0");
  }

  @Test
  void negativeBudget_isRefused() {
    assertRefused(ENV, "--budget must be > 0, got -5", "--help", "--budget", "-5");
  }

  @Test
  void missingTaskFile_isRefusedWithItsPath() {
    assertRefused(
        ENV,
        "task file not found: /nope/tasks.jsonl",
        "give --tasks FILE.jsonl",
        "--tasks",
        "/nope/tasks.jsonl");
  }

  @Test
  void capBelowBaseDeadline_isRefusedInFlagNames() {
    assertRefused(
        ENV,
        "--max-episode-timeout-s (300) is less than --episode-timeout-s (600)",
        "--help",
        "--episode-timeout-s",
        "600",
        "--max-episode-timeout-s",
        "300");
  }

  @Test
  void llmTimeoutAboveDeadline_isRefusedInFlagNames() {
    assertRefused(
        ENV,
        "--llm-timeout-s (900) exceeds --episode-timeout-s (600)",
        "--help",
        "--episode-timeout-s",
        "600",
        "--llm-timeout-s",
        "900");
  }

  @Test
  void gradingRunsZero_isRefusedInFlagNames() {
    assertRefused(ENV, "--grading-runs must be 1 to 20, got 0", "--help", "--grading-runs", "0");
  }

  @Test
  void missingModel_isRefusedWithHowToGetOne() {
    Map<String, String> env = new HashMap<>(ENV);
    env.put("APEX_GGUF_MODEL_PATH", "/nope.gguf");
    assertRefused(
        env,
        "model not found: /nope.gguf",
        "run scripts/fetch-default-model.sh",
        "--backend",
        "llamacpp");
  }

  @Test
  void unknownBackendFlag_isRefusedWithTheBackends() {
    assertRefused(
        ENV,
        "unknown backend 'gpt5'; use one of [",
        "--backend takes one of [",
        "--backend",
        "gpt5");
  }

  @Test
  void unknownBackendInTheEnvironment_isRefusedNamingTheVariable() {
    assertRefused(
        Map.of("TEMPORAL_ADDRESS", "127.0.0.1:1", "APEX_LLM_BACKEND", "gpt5"),
        "unknown backend 'gpt5'",
        "APEX_LLM_BACKEND takes one of [",
        "--instance-ids",
        "py-median-even");
  }

  @Test
  void llmForbidden_isRefusedUnlessStubOrPredictions() {
    Map<String, String> env = Map.of("TEMPORAL_ADDRESS", "127.0.0.1:1", "APEX_ALLOW_LLM", "0");
    assertRefused(env, "APEX_ALLOW_LLM=0 forbids the llamacpp backend", "--backend stub");
    assertThat(input(env, "--predictions", "gold").predictions()).isEqualTo("gold");
  }

  @Test
  void networkSwitchThatIsNotOne_isRefusedNamingTheVariable() {
    assertRefused(
        Map.of(
            "TEMPORAL_ADDRESS",
            "127.0.0.1:1",
            "APEX_LLM_BACKEND",
            "stub",
            "APEX_ALLOW_NETWORK",
            "y"),
        "APEX_ALLOW_NETWORK='y' is not a switch",
        "offline sandbox");
  }

  @Test
  void unknownTask_isRefusedWithHowToListThem() {
    assertRefused(ENV, "no task 'nope' in ", "jq -r .instance_id", "--instance-ids", "nope");
  }

  @Test
  void missingPredictionsFile_isRefused() {
    assertRefused(
        ENV,
        "predictions file not found: /nope.jsonl",
        "gold, empty",
        "--predictions",
        "/nope.jsonl");
  }

  @Test
  void defaults_runTheQuickSubsetOfTheBundledSet() {
    BatchInput input = input(ENV);
    assertThat(input.tasks()).isEqualTo(HOME.resolve("tasks/apex-bugs/tasks.jsonl").toString());
    assertThat(input.instanceIds()).hasSize(4).contains("py-median-even");
    assertThat(input.policy()).isEqualTo("static_star");
    assertThat(input.budget()).isEqualTo(10_000);
    assertThat(input.episodeTimeoutS()).isEqualTo(1800);
    assertThat(input.llmTimeoutS()).isEqualTo(180);
    assertThat(input.progressExtendS()).isEqualTo(120);
    assertThat(input.maxEpisodeTimeoutS()).isEqualTo(3600);
  }

  @Test
  void sameFlags_giveTheSameBatchId_otherFlags_another() {
    String once = BatchIds.of(input(ENV, "--budget", "500"), "stub", Map.of());
    String again = BatchIds.of(input(ENV, "--budget", "500"), "stub", Map.of());
    String other = BatchIds.of(input(ENV, "--budget", "600"), "stub", Map.of());
    assertThat(once).isEqualTo(again).startsWith("apex-static-star-");
    assertThat(other).isNotEqualTo(once);
  }

  @Test
  void repeatedInstanceIds_areRefusedNamingTheId() {
    assertRefused(
        ENV,
        "--instance-ids must name each task once; 'java-headers-case-insensitive' is repeated",
        "--help",
        "--tasks",
        HOME.resolve("tasks/apex-bugs/tasks.jsonl").toString(),
        "--instance-ids",
        "java-headers-case-insensitive,java-headers-case-insensitive");
  }

  @Test
  void editedTaskFile_givesAnotherBatchId(@TempDir Path tmp) throws IOException {
    Path tasks = tmp.resolve("tasks.jsonl");
    Files.copy(HOME.resolve("tasks/apex-bugs/tasks.jsonl"), tasks);
    Files.createSymbolicLink(tmp.resolve("repos"), HOME.resolve("tasks/apex-bugs/repos"));
    BatchInput input = input(ENV, "--tasks", tasks.toString());
    String before = BatchIds.of(input, "stub", BatchInputs.of(input, "stub", ENV, HOME));
    Files.writeString(
        tasks,
        Files.readString(tasks)
            .replace("\"problem_statement\":\"", "\"problem_statement\":\"Edited. "));
    String after = BatchIds.of(input, "stub", BatchInputs.of(input, "stub", ENV, HOME));
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void editedModel_givesAnotherBatchId(@TempDir Path tmp) throws IOException {
    Path model = tmp.resolve("model.gguf");
    Files.writeString(model, "GGUF one");
    Map<String, String> env = Map.of("APEX_GGUF_MODEL_PATH", model.toString());
    BatchInput input = input(ENV, "--budget", "500");
    String before = BatchIds.of(input, "llamacpp", BatchInputs.of(input, "llamacpp", env, HOME));
    Files.writeString(model, "GGUF two");
    String after = BatchIds.of(input, "llamacpp", BatchInputs.of(input, "llamacpp", env, HOME));
    assertThat(after).isNotEqualTo(before);
    assertThat(BatchInputs.of(input, "llamacpp", env, HOME))
        .containsKey("model of coder")
        .hasEntrySatisfying("model of coder", v -> assertThat(v).contains(model.toString()));
  }

  @Test
  void call_withBadInput_printsOneLineAndAHint_andExits2() {
    EvalCommand command = new EvalCommand();
    command.env = ENV;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit =
          new CommandLine(command)
              .execute(
                  "--tasks",
                  HOME.resolve("tasks/apex-bugs/tasks.jsonl").toString(),
                  "--policy",
                  "nope");
    } finally {
      System.setErr(err);
    }
    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(exit).isEqualTo(2);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("apex eval: unknown policy 'nope'");
    assertThat(lines.get(1)).startsWith("hint: ");
  }

  @Test
  void flagNames_replaceFieldsThatAreFlags_only() {
    assertThat(BatchFlags.flagNames("maxRounds must be > 0; pageSize must be > 0"))
        .isEqualTo("--max-rounds must be > 0; pageSize must be > 0");
  }

  private static BatchInput input(Map<String, String> env, String... args) {
    EvalCommand command = new EvalCommand();
    command.env = env;
    new CommandLine(command).parseArgs(args);
    return command.input(HOME);
  }

  private static void assertRefused(
      Map<String, String> env, String message, String hint, String... args) {
    assertThatThrownBy(() -> input(env, args))
        .isInstanceOf(BadInput.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((BadInput) e).hint).contains(hint))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
