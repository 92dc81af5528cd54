package dev.apex.activities.grading;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apex.activities.sandbox.FileTrees;
import dev.apex.activities.sandbox.Sandbox;
import dev.apex.activities.sandbox.TestSandboxes;
import dev.apex.activities.tasks.Task;
import dev.apex.activities.tasks.TaskLoader;
import dev.apex.activities.tasks.TaskSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A predictions file of attacks, graded against bundled tasks by the real grader in bubblewrap:
 * patches that reach for the host's git, files and network, fake a pass, or exhaust the machine.
 * Nothing resolves, nothing appears on the host, the decoys survive, and it ends in minutes.
 */
class HostilePredictionsIT {

  private static final String PY_TASK = "py-chunked-drops-tail";
  private static final String JAVA_TASK = "java-range-inclusive";
  private static final String CHUNKS = "batchkit/chunks.py";

  @TempDir Path tmp;
  private final String marker = "apex-hostile-" + UUID.randomUUID();
  private Path home;
  private Path homeDecoy;
  private Path decoys;
  private ServerSocket listener;
  private final AtomicInteger connections = new AtomicInteger();
  private Thread acceptor;
  private Task python;
  private Task javaTask;

  @BeforeEach
  void setUp() throws IOException {
    TaskSet tasks =
        TaskLoader.load(
            Path.of(System.getProperty("apex.repo.root", ".."), "tasks/apex-bugs/tasks.jsonl"));
    // Sleeping forever must cost seconds here, not the task's own timeout.
    python = GradingFixtures.withTimeout(tasks.get(PY_TASK), Duration.ofSeconds(5));
    javaTask = tasks.get(JAVA_TASK);
    home = Path.of(System.getProperty("user.home"));
    homeDecoy = Files.writeString(home.resolve(marker + ".decoy"), "decoy\n");
    decoys = Files.createDirectories(tmp.resolve("decoys"));
    Files.writeString(decoys.resolve("test_chunks.py"), "decoy\n");
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    listener.setSoTimeout(200);
    acceptor = Thread.ofPlatform().daemon().start(this::countConnections);
  }

  @AfterEach
  void tearDown() throws IOException, InterruptedException {
    acceptor.interrupt();
    listener.close();
    acceptor.join(2_000);
    Files.deleteIfExists(homeDecoy);
  }

  private void countConnections() {
    while (!Thread.currentThread().isInterrupted() && !listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        connections.incrementAndGet();
        socket.close();
      } catch (SocketTimeoutException e) {
        // Poll again.
      } catch (IOException e) {
        return;
      }
    }
  }

  @Test
  void hostilePredictions_resolveNothingAndLeaveTheHostUntouched() throws Exception {
    Sandbox sandbox = TestSandboxes.bwrap();
    Map<String, Prediction> predictions = predictions();
    Path scratch = Files.createDirectories(tmp.resolve("scratch"));
    Grader grader = new Grader(sandbox, scratch);

    long start = System.nanoTime();
    Map<String, Grade> results = new LinkedHashMap<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      Map<String, Future<Grade>> futures = new LinkedHashMap<>();
      predictions.forEach(
          (name, p) -> futures.put(name, pool.submit(() -> grader.grade(p.task(), p.patch()))));
      for (Map.Entry<String, Future<Grade>> f : futures.entrySet()) {
        results.put(f.getKey(), f.getValue().get());
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    results.forEach((name, r) ->
        assertThat(r.resolved()).as(name + ": " + r.error() + "\n" + r.logTail()).isFalse());
    assertThat(results.get("git-config-filter").refusal())
        .isEqualTo("patch refused: touches .git/config");
    assertThat(results.get("symlinked-tests").refusal())
        .startsWith("patch refused: creates a symbolic link out of the working copy: tests -> ");
    assertThat(results.get("symlinked-java-tests").refusal())
        .startsWith("patch refused: creates a symbolic link out of the working copy: test -> ");
    assertThat(results.get("runner-config").revertedTestFiles()).contains("pyproject.toml");
    assertThat(results.get("sub-folder-conftest").revertedTestFiles())
        .contains("batchkit/conftest.py", "tests/conftest.py");
    assertThat(results.get("fake-run-tests").revertedTestFiles()).contains("run_tests.sh");
    assertThat(results.get("sleep-forever").termination())
        .isEqualTo(dev.apex.activities.sandbox.Termination.TIMED_OUT);
    assertThat(results.get("print-a-gigabyte").termination())
        .isEqualTo(dev.apex.activities.sandbox.Termination.OUTPUT_LIMIT);
    assertThat(results.get("shadow-pytest").tests())
        .containsValue(TestStatus.FAILED)
        .doesNotContainValue(TestStatus.MISSING);
    assertThat(results.get("exit-time-verdicts").logTail()).contains("PASSED tests/");

    assertThat(homeDecoy).hasContent("decoy");
    assertThat(decoys.resolve("test_chunks.py")).hasContent("decoy");
    assertThat(connections.get()).as("connections to the host's loopback listener").isZero();
    assertThat(markersOnTheHost()).isEmpty();
    assertThat(leftoverProcesses()).isZero();
    try (Stream<Path> left = Files.list(scratch)) {
      assertThat(left).as("grading copies left behind").isEmpty();
    }
    assertThat(elapsed).isLessThan(Duration.ofMinutes(3));
  }

  private record Prediction(Task task, String patch) {}

  private Map<String, Prediction> predictions() throws IOException {
    Map<String, Prediction> p = new LinkedHashMap<>();
    Path filterRan = tmp.resolve(marker + "-filter");
    p.put(
        "git-config-filter",
        new Prediction(
            python,
            edit(python, Map.of(".gitattributes", "* filter=x\n"))
                + "diff --git a/.git/config b/.git/config\n--- a/.git/config\n+++ b/.git/config\n"
                + "@@ -1,1 +1,3 @@\n [core]\n+[filter \"x\"]\n+\tclean = touch "
                + filterRan
                + "\n"));
    p.put("symlinked-tests", new Prediction(python, linkInPlaceOf(python, "tests")));
    p.put("symlinked-java-tests", new Prediction(javaTask, linkInPlaceOf(javaTask, "test")));
    p.put(
        "shadow-pytest",
        new Prediction(
            python,
            edit(
                python,
                Map.of(
                    "pytest.py",
                    String.join(
                        "\n",
                        "import os, sys",
                        "cases = ''.join('<testcase classname=\"tests.test_chunks\" name=\"%s\""
                            + " file=\"tests/test_chunks.py\"/>' % n for n in "
                            + names(python)
                            + ")",
                        "out = os.path.join(os.environ['APEX_REPORT_DIR'], 'apex-pytest.xml')",
                        "open(out, 'w').write('<testsuite>' + cases + '</testsuite>')",
                        "sys.exit(0)",
                        "")))));
    p.put(
        "exit-time-verdicts",
        new Prediction(
            python,
            prepend(
                python,
                "import atexit\n"
                    + "atexit.register(lambda: print(''.join('PASSED %s\\n%s PASSED [100%%]\\n'"
                    + " % (t, t) for t in "
                    + ids(python)
                    + ")))\n")));
    p.put(
        "runner-config",
        new Prediction(
            python,
            edit(
                python,
                Map.of(
                    "pyproject.toml",
                    "[tool.pytest.ini_options]\naddopts = \"-p evil\"\n",
                    "evil.py",
                    GradingFixtures.FORCE_PASS))));
    p.put(
        "sub-folder-conftest",
        new Prediction(
            python,
            edit(
                python,
                Map.of(
                    "batchkit/conftest.py",
                    GradingFixtures.FORCE_PASS,
                    "tests/conftest.py",
                    GradingFixtures.FORCE_PASS))));
    p.put(
        "write-home-and-decoys",
        pythonFirst(
            "import os, shutil",
            "for target in " + pyList(writeTargets()) + ":",
            "    try:",
            "        open(target, 'w').write('pwned')",
            "    except OSError:",
            "        pass",
            "for victim in " + pyList(List.of(homeDecoy.toString(), decoys.toString())) + ":",
            "    try:",
            "        shutil.rmtree(victim) if os.path.isdir(victim) else os.remove(victim)",
            "    except OSError:",
            "        pass"));
    p.put(
        "connect-to-host-loopback",
        pythonFirst(
            "import socket",
            "for host in ('127.0.0.1', 'localhost', '::1'):",
            "    try:",
            "        socket.create_connection((host, "
                + listener.getLocalPort()
                + "), timeout=2).sendall(b'x')",
            "    except OSError:",
            "        pass"));
    p.put("sleep-forever", pythonFirst("import time", "time.sleep(10 ** 6)"));
    p.put(
        "print-a-gigabyte",
        new Prediction(
            python,
            prepend(
                python,
                // At exit, when pytest no longer captures the output.
                "import atexit, os\natexit.register(lambda: [os.write(1, b'x' * (1 << 20))"
                    + " for _ in range(1024)])\n")));
    p.put(
        "fork-64-children",
        pythonFirst(
            "import subprocess",
            "for _ in range(64):",
            "    try:",
            "        subprocess.Popen(['sh', '-c', 'sleep 1000', '"
                + marker
                + "'], start_new_session=True)",
            "    except OSError:",
            "        pass"));
    p.put(
        "fake-run-tests",
        new Prediction(
            javaTask,
            edit(
                javaTask,
                Map.of(
                    "run_tests.sh",
                    "mkdir -p \"$APEX_REPORT_DIR\"\necho '<testsuite>"
                        + javaTask.failToPass().stream()
                            .map(t ->
                                "<testcase classname=\""
                                    + t.substring(0, t.lastIndexOf('.'))
                                    + "\" name=\""
                                    + t.substring(t.lastIndexOf('.') + 1)
                                    + "()\"/>")
                            .reduce("", String::concat)
                        + "</testsuite>' > \"$APEX_REPORT_DIR/TEST-junit-jupiter.xml\"\n"))));
    return p;
  }

  /** Files the code under test tries to create on the host. */
  private List<String> writeTargets() {
    List<String> targets = new ArrayList<>();
    for (Path dir :
        List.of(
            home,
            decoys,
            python.repoPath(),
            Path.of("/tmp"),
            Path.of(System.getProperty("java.io.tmpdir")),
            Path.of("").toAbsolutePath())) {
      targets.add(dir.resolve(marker).toString());
    }
    targets.add(homeDecoy.toString());
    return targets;
  }

  private List<Path> markersOnTheHost() throws IOException {
    List<Path> found = new ArrayList<>();
    for (String target : writeTargets()) {
      Path path = Path.of(target);
      if (!path.equals(homeDecoy) && Files.exists(path)) {
        found.add(path);
      }
    }
    try (Stream<Path> walk = Files.walk(tmp)) {
      walk.filter(p -> p.getFileName().toString().startsWith(marker)).forEach(found::add);
    }
    return found;
  }

  private long leftoverProcesses() throws IOException {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> {
            try {
              return new String(
                      Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.ISO_8859_1)
                  .contains(marker);
            } catch (IOException e) {
              return false;
            }
          })
          .count();
    }
  }

  /** A patch writing {@code files} (path to content) on the task's base. */
  private String edit(Task task, Map<String, String> files) {
    try (Workspace ws =
        Workspace.create(task.repoPath(), tmp.resolve("edit-" + UUID.randomUUID()))) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path target = ws.root().resolve(file.getKey());
        Files.createDirectories(Objects.requireNonNull(target.getParent()));
        Files.writeString(target, file.getValue());
      }
      return ws.diff();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Python task with {@code lines} run first thing when its module is imported. */
  private Prediction pythonFirst(String... lines) throws IOException {
    return new Prediction(python, prepend(python, String.join("\n", lines) + "\n"));
  }

  /** A patch putting {@code code} at the top of the module under test, which stays as buggy. */
  private String prepend(Task task, String code) throws IOException {
    String original = Files.readString(task.repoPath().resolve(CHUNKS));
    return edit(task, Map.of(CHUNKS, code + original));
  }

  /** A patch replacing the task's test directory by a link to the host's decoy folder. */
  private String linkInPlaceOf(Task task, String dir) {
    try (Workspace ws =
        Workspace.create(task.repoPath(), tmp.resolve("edit-" + UUID.randomUUID()))) {
      Path tests = ws.root().resolve(dir);
      FileTrees.delete(tests);
      Files.createSymbolicLink(tests, decoys);
      return ws.diff();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String ids(Task task) {
    List<String> all = new ArrayList<>(task.failToPass());
    all.addAll(task.passToPass());
    return pyList(all);
  }

  private static String names(Task task) {
    List<String> all = new ArrayList<>(task.failToPass());
    all.addAll(task.passToPass());
    return pyList(all.stream().map(t -> t.substring(t.lastIndexOf("::") + 2)).toList());
  }

  private static String pyList(List<String> items) {
    StringBuilder out = new StringBuilder("[");
    for (String item : items) {
      out.append(out.length() > 1 ? ", " : "")
          .append('\'')
          .append(item.replace("'", "\\'"))
          .append('\'');
    }
    return out.append(']').toString();
  }
}
