package dev.apex.activities.grading;

import dev.apex.activities.sandbox.Sandbox;
import dev.apex.activities.sandbox.SandboxConfig;
import dev.apex.activities.tasks.Task;
import dev.apex.activities.tasks.TaskLoader;
import dev.apex.activities.tasks.TaskSet;
import dev.apex.activities.tasks.TestListWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Derives each task's test lists by running its tests, with the grader's sandbox and parsers, on
 * base + test patch and on base + gold patch + test patch: FAIL_TO_PASS = fails before and passes
 * after, PASS_TO_PASS = passes both times.
 *
 * <p>Usage: {@code DeriveTestLists TASKS.jsonl [--write] [--jobs N] [--only ID,ID]}. Without {@code
 * --write} it only reports. Exits 1 when a task has no FAIL_TO_PASS test or the gold patch leaves a
 * test failing.
 */
public final class DeriveTestLists {

  /** The lists derived for one task, and what looked wrong. */
  public record Derived(Task task, List<String> goldFailures, String before, String after) {

    public boolean ok() {
      return !task.failToPass().isEmpty() && goldFailures.isEmpty();
    }
  }

  private DeriveTestLists() {}

  public static Derived derive(Grader grader, Task task) {
    TestRun before = grader.runTests(task, "");
    TestRun after = grader.runTests(task, task.patch());
    if (after.error() != null || !after.application().applied()) {
      throw new IllegalStateException(
          task.instanceId() + ": gold patch or test patch does not apply: " + after);
    }
    TreeSet<String> failToPass = new TreeSet<>();
    TreeSet<String> passToPass = new TreeSet<>();
    List<String> goldFailures = new ArrayList<>();
    for (Map.Entry<String, TestStatus> test : after.statuses().entrySet()) {
      if (!test.getValue().passed()) {
        goldFailures.add(test.getKey() + " " + test.getValue());
      } else if (before.status(test.getKey()).passed()) {
        passToPass.add(test.getKey());
      } else {
        failToPass.add(test.getKey());
      }
    }
    return new Derived(
        task.withTestLists(List.copyOf(failToPass), List.copyOf(passToPass)),
        goldFailures,
        summary(before),
        summary(after));
  }

  private static String summary(TestRun run) {
    return run.sandbox() == null ? "not run" : run.sandbox().summary();
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: DeriveTestLists TASKS.jsonl [--write] [--jobs N] [--only ID,..]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    boolean write = false;
    int jobs = 1;
    List<String> only = List.of();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--write" -> write = true;
        case "--jobs" -> jobs = Integer.parseInt(args[++i]);
        case "--only" -> only = List.of(args[++i].split(",", -1));
        default -> {
          System.err.println("unknown argument: " + args[i]);
          System.exit(2);
        }
      }
    }
    TaskSet tasks = TaskLoader.load(file);
    // Offline, as the bundled tasks run: only workers/ reads the environment.
    Sandbox sandbox = Sandbox.forThisMachine(SandboxConfig.defaults(Map.of()));
    Grader grader = new Grader(sandbox, Path.of(System.getProperty("java.io.tmpdir")));
    Map<String, Task> derived = new LinkedHashMap<>();
    boolean ok = true;
    try (ExecutorService pool = Executors.newFixedThreadPool(jobs)) {
      List<Future<Derived>> results = new ArrayList<>();
      for (Task task : tasks.tasks()) {
        if (only.isEmpty() || only.contains(task.instanceId())) {
          results.add(pool.submit(() -> derive(grader, task)));
        }
      }
      for (Future<Derived> result : results) {
        Derived d = result.get();
        Task t = d.task();
        System.out.printf(
            "%-40s FAIL_TO_PASS %2d  PASS_TO_PASS %2d  before: %s  after: %s%n",
            t.instanceId(), t.failToPass().size(), t.passToPass().size(), d.before(), d.after());
        if (!d.goldFailures().isEmpty()) {
          System.out.println("    still failing with the gold patch: " + d.goldFailures());
        }
        if (t.failToPass().isEmpty()) {
          System.out.println("    no FAIL_TO_PASS test: the test patch does not catch the bug");
        }
        ok &= d.ok();
        derived.put(t.instanceId(), t);
      }
    }
    if (write) {
      TestListWriter.rewrite(file, derived);
      System.out.println("wrote " + derived.size() + " tasks to " + file);
    }
    System.exit(ok ? 0 : 1);
  }
}
