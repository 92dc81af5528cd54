package dev.apex.activities.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.activities.sandbox.TestSandboxes;
import dev.apex.activities.tasks.LogParser;
import dev.apex.activities.tasks.Task;
import dev.apex.activities.tasks.TaskLoader;
import dev.apex.activities.tasks.TaskSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped task set: gold patches resolve every task, empty patches none. */
class BundledTasksIT {

  private static TaskSet tasks;

  @TempDir Path scratch;

  @BeforeAll
  static void load() {
    Path root = Path.of(System.getProperty("apex.repo.root", ".."));
    tasks = TaskLoader.load(root.resolve("tasks/apex-bugs/tasks.jsonl"));
  }

  @Test
  void taskSet_hasAtLeast24TasksInBothLanguagesWithFailToPassTests() {
    assertThat(tasks.size()).isGreaterThanOrEqualTo(24);
    assertThat(tasks.tasks())
        .extracting(Task::logParser)
        .contains(LogParser.PYTEST, LogParser.JUNIT);
    assertThat(tasks.tasks()).allSatisfy(t -> assertThat(t.failToPass()).isNotEmpty());
  }

  @Test
  void goldPatches_resolveEveryTask() throws Exception {
    List<Grade> results = gradeAll(Task::patch);

    assertThat(results)
        .allSatisfy(r -> assertThat(r.resolved()).as(r.instanceId() + "\n" + r.logTail()).isTrue());
  }

  @Test
  void emptyPatches_resolveNoTask() throws Exception {
    List<Grade> results = gradeAll(t -> "");

    assertThat(results)
        .allSatisfy(r -> {
          assertThat(r.resolved()).as(r.instanceId()).isFalse();
          assertThat(r.failToPass().passed()).as(r.instanceId()).isLessThan(r.failToPass().total());
        });
  }

  /** Grades every task on two threads (CI machines have two cores). */
  private List<Grade> gradeAll(Function<Task, String> patch) throws Exception {
    Grader grader = new Grader(TestSandboxes.best(), scratch);
    List<Grade> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      List<Future<Grade>> futures = new ArrayList<>();
      for (Task task : tasks.tasks()) {
        futures.add(pool.submit(() -> grader.grade(task, patch.apply(task))));
      }
      for (Future<Grade> future : futures) {
        results.add(future.get());
      }
    }
    return results;
  }
}
