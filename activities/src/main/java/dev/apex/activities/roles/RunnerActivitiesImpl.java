package dev.apex.activities.roles;

import com.fasterxml.jackson.databind.JsonNode;
import dev.apex.activities.grading.ProtectedPaths;
import dev.apex.activities.sandbox.PythonToolEnv;
import dev.apex.activities.sandbox.PythonToolEnv.ToolEnvException;
import dev.apex.activities.sandbox.Sandbox;
import dev.apex.activities.sandbox.SandboxConfig;
import dev.apex.activities.sandbox.SandboxLimits;
import dev.apex.activities.sandbox.SandboxRequest;
import dev.apex.activities.sandbox.SandboxResult;
import dev.apex.activities.sandbox.Termination;
import dev.apex.activities.tasks.Task;
import dev.apex.activities.tasks.TestEnvResolver;
import dev.apex.backends.ModelBackend;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.RoleReply;
import dev.apex.workflows.roles.RoleRequest;
import dev.apex.workflows.roles.RunnerActivities;
import dev.apex.workflows.roles.Signal;
import io.temporal.activity.Activity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Runner on the pinned model: chooses between the repository's tests and a script the Coder
 * wrote, runs it in the sandbox against the working copy, and reports the result.
 */
public final class RunnerActivitiesImpl implements RunnerActivities {

  /** Longest run the Runner makes; grading has its own limit. */
  static final Duration MAX_RUN = Duration.ofMinutes(2);

  private final LlmCall llm;
  private final TaskCatalog tasks;
  private final Sandbox sandbox;
  private final TestEnvResolver testEnv;

  public RunnerActivitiesImpl(
      ModelBackend model,
      TaskCatalog tasks,
      Sandbox sandbox,
      CallObserver observer,
      TestEnvResolver testEnv) {
    this.llm = new LlmCall(model, observer);
    this.tasks = tasks;
    this.sandbox = sandbox;
    this.testEnv = testEnv;
  }

  /** A Runner whose tool environments live in their default place. */
  public RunnerActivitiesImpl(
      ModelBackend model, TaskCatalog tasks, Sandbox sandbox, CallObserver observer) {
    this(
        model,
        tasks,
        sandbox,
        observer,
        new TestEnvResolver(new PythonToolEnv(SandboxConfig.defaultToolEnvDir(Map.of()))));
  }

  @Override
  public RoleReply runTests(RoleRequest request) {
    Task task = tasks.get(request.task());
    Path root = Path.of(request.workspace());
    String opening =
        Prompts.issue(task, request.mode()) + "\n\nScripts you may run: " + scripts(root, task);
    LlmCall.Result result =
        llm.run(
            Role.RUNNER,
            request,
            Prompts.RUNNER,
            opening,
            request.message(),
            Prompts.RUNNER_SCHEMA);
    if (result.exhausted()) {
      return Replies.of(result, Signal.NONE);
    }
    String command;
    try {
      command = command(result.text(), root, task);
    } catch (IllegalArgumentException e) {
      return Replies.of(result, "Nothing was run: " + e.getMessage(), Signal.TESTS_FAILED);
    }
    List<Path> tools;
    try {
      tools = testEnv.paths(task);
    } catch (ToolEnvException e) {
      return Replies.of(result, "Nothing was run: " + e.getMessage(), Signal.TESTS_FAILED);
    }
    SandboxResult run = run(root, command, task, tools);
    boolean passed = run.termination() == Termination.EXITED && run.exitCode() == 0;
    String report = "Ran `" + command + "`: " + run.summary() + "\n" + run.outputTail(1_500);
    return Replies.of(result, report, passed ? Signal.TESTS_PASSED : Signal.TESTS_FAILED);
  }

  private SandboxResult run(Path root, String command, Task task, List<Path> tools) {
    Duration wall = task.testTimeout(MAX_RUN);
    try (CallHeartbeat heartbeat =
        new CallHeartbeat(Activity.getExecutionContext(), MAX_RUN, "sandbox", 0)) {
      SandboxResult result =
          sandbox.run(
              new SandboxRequest(
                  root, command, Map.of(), SandboxLimits.DEFAULT.withWallTime(wall), tools, null));
      heartbeat.output(result.outputBytes());
      return result;
    }
  }

  /** The command the Runner's JSON asks for; throws with a reason the agent can act on. */
  static String command(String json, Path root, Task task) {
    JsonNode answer = ModelJson.read(json);
    if (answer.isMissingNode()) {
      throw new IllegalArgumentException("the answer was not JSON");
    }
    if (!"script".equals(answer.path("action").asText("tests"))) {
      return task.testCmd();
    }
    String path = answer.path("path").asText("");
    Path script = root.resolve(path).normalize();
    if (path.isBlank() || !script.startsWith(root) || !Files.isRegularFile(script)) {
      throw new IllegalArgumentException("no script '" + path + "' in the repository");
    }
    String relative = root.relativize(script).toString();
    if (relative.endsWith(".py")) {
      return "python3 " + relative;
    }
    if (relative.endsWith(".sh")) {
      return "sh " + relative;
    }
    throw new IllegalArgumentException("only .py and .sh scripts can be run, not '" + path + "'");
  }

  private static List<String> scripts(Path root, Task task) {
    ProtectedPaths tests = ProtectedPaths.forTask(task);
    return RepoOverview.files(root).stream()
        .filter(p -> p.endsWith(".py") || p.endsWith(".sh"))
        .filter(p -> !tests.test(p))
        .limit(30)
        .toList();
  }
}
