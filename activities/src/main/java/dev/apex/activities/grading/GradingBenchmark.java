package dev.apex.activities.grading;

import dev.apex.activities.sandbox.Sandbox;
import dev.apex.activities.sandbox.SandboxConfig;
import dev.apex.activities.sandbox.SandboxLimits;
import dev.apex.activities.sandbox.SandboxRequest;
import dev.apex.activities.sandbox.SandboxResult;
import dev.apex.activities.sandbox.Termination;
import dev.apex.activities.tasks.Task;
import dev.apex.activities.tasks.TaskLoader;
import dev.apex.activities.tasks.TaskSet;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures the sandbox's cost per command against the same command run bare, and the time to grade
 * the gold patches of a task set. Prints Markdown.
 *
 * <p>Usage: {@code GradingBenchmark TASKS.jsonl [--runs N] [--python ID] [--java ID]}.
 */
public final class GradingBenchmark {

  private GradingBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int runs = 10;
    String pythonTask = "py-duration-multidigit";
    String javaTask = "java-range-inclusive";
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--python" -> pythonTask = args[++i];
        case "--java" -> javaTask = args[++i];
        default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
      }
    }
    TaskSet tasks = TaskLoader.load(file);
    // Offline, as the bundled tasks run: only workers/ reads the environment.
    SandboxConfig config = SandboxConfig.defaults(Map.of());
    Sandbox sandbox = Sandbox.forThisMachine(config);
    Path scratch = Files.createTempDirectory("apex-bench-");
    System.out.println("Sandbox: " + sandbox.isolation() + "\n");
    System.out.println("| command | runs | bare median | sandboxed median | overhead | ratio |");
    System.out.println("|---|---|---|---|---|---|");
    Path empty = Files.createDirectories(scratch.resolve("empty"));
    compare("python3 -c pass", empty, "python3 -c pass", runs, sandbox, config);
    for (String id : List.of(pythonTask, javaTask)) {
      Task task = tasks.get(id);
      try (Workspace ws = Workspace.create(task.repoPath(), scratch.resolve(id))) {
        PatchApplier.apply(ws, task.patch());
        PatchApplier.applyExactly(ws, task.testPatch());
        compare(
            id + ": `" + task.testCmd() + "`", ws.root(), task.testCmd(), runs, sandbox, config);
      }
    }
    System.out.println();
    for (int jobs : List.of(1, 2)) {
      long start = System.nanoTime();
      int resolved = gradeGold(tasks, new Grader(sandbox, scratch), jobs);
      Duration total = Duration.ofNanos(System.nanoTime() - start);
      System.out.printf(
          "Gold validation, %d task(s) at a time: %d/%d resolved in %.1f s%n",
          jobs, resolved, tasks.size(), total.toMillis() / 1000.0);
    }
    delete(scratch);
  }

  private static void compare(
      String label, Path dir, String command, int runs, Sandbox sandbox, SandboxConfig config)
      throws IOException, InterruptedException {
    List<Long> bare = new ArrayList<>();
    List<Long> boxed = new ArrayList<>();
    SandboxLimits limits = SandboxLimits.DEFAULT.withWallTime(Duration.ofMinutes(2));
    for (int i = 0; i <= runs; i++) {
      long b = runBare(dir, command, config);
      long start = System.nanoTime();
      SandboxResult result = sandbox.run(SandboxRequest.of(dir, command, limits));
      long s = System.nanoTime() - start;
      if (result.termination() != Termination.EXITED) {
        throw new IllegalStateException(label + ": " + result.summary());
      }
      if (i > 0) {
        bare.add(b);
        boxed.add(s);
      }
    }
    double bareMs = median(bare) / 1e6;
    double boxedMs = median(boxed) / 1e6;
    System.out.printf(
        "| %s | %d | %.0f ms | %.0f ms | +%.0f ms | %.2f |%n",
        label, runs, bareMs, boxedMs, boxedMs - bareMs, boxedMs / bareMs);
  }

  /** The command with the sandbox's PATH, in place, nothing else around it. */
  private static long runBare(Path dir, String command, SandboxConfig config)
      throws IOException, InterruptedException {
    Path reports = Files.createTempDirectory("apex-bench-reports-");
    ProcessBuilder builder =
        new ProcessBuilder("/bin/sh", "-c", command)
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = builder.environment();
    env.clear();
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", reports.toString());
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    env.put("APEX_REPORT_DIR", reports.toString());
    if (config.junitJar() != null) {
      env.put("APEX_JUNIT_JAR", config.junitJar().toString());
    }
    long start = System.nanoTime();
    builder.start().waitFor();
    long elapsed = System.nanoTime() - start;
    // What the bare run wrote (reports, Java's out/) must not travel into the sandboxed run.
    delete(reports);
    delete(dir.resolve("out"));
    return elapsed;
  }

  private static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(Collections.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static int gradeGold(TaskSet tasks, Grader grader, int jobs) throws Exception {
    int resolved = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(jobs)) {
      List<Future<Grade>> results = new ArrayList<>();
      for (Task task : tasks.tasks()) {
        results.add(pool.submit(() -> grader.grade(task, task.patch())));
      }
      for (Future<Grade> result : results) {
        resolved += result.get().resolved() ? 1 : 0;
      }
    }
    return resolved;
  }

  private static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}
