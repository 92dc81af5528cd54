package dev.apex.workers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.apex.backends.Backends;
import dev.apex.backends.ChatMessage;
import dev.apex.backends.Completion;
import dev.apex.backends.CompletionRequest;
import dev.apex.backends.ModelBackend;
import dev.apex.backends.TokenListener;
import dev.apex.backends.memory.ProcessMemory;
import dev.apex.workers.cli.Fleet;
import dev.apex.workflows.roles.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Aggregate decode throughput of the fleet's layout against the old single server: five worker
 * processes, each with its pinned model as {@link WorkerConfig#forRole} sets it up, generating one
 * request each at the same moment, against one such process serving the same five requests in turn.
 * Every process loads and warms its model before the clock starts.
 *
 * <p>A harness, not a test: {@code scripts/bench-workers.sh throughput [tokens]}.
 */
public final class FleetThroughputBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request per role: prompts that keep a small model talking. */
  private static final Map<Role, String> PROMPTS =
      Map.of(
          Role.PLANNER,
          "Write a numbered list of twenty steps to debug a failing Python unit test.",
          Role.CODER,
          "Explain, line by line, how a median function should handle an even-length list.",
          Role.RUNNER,
          "List every pytest command-line option you know, one per line, with its meaning.",
          Role.CRITIC,
          "Review this plan in detail: rewrite median() to sort, then average the middle pair.",
          Role.SUMMARIZER,
          "Summarize the history of the Python language decade by decade, in detail.");

  private FleetThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child(Role.parse(args[1]), Integer.parseInt(args[2]), args[3], Path.of(args[4]));
      return;
    }
    int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 128;
    Path home = Path.of(System.getenv().getOrDefault("APEX_HOME", ".")).toAbsolutePath();
    Path dir = Files.createTempDirectory("apex-throughput");
    System.out.printf(
        Locale.ROOT,
        "%d cores, load %s; %d tokens per request, greedy%n",
        Runtime.getRuntime().availableProcessors(),
        loadAverage(),
        tokens);

    List<Role> roles = List.of(Role.values());
    List<JsonNode> fleet = run(home, dir.resolve("fleet"), roles, tokens, Map.of(), false);
    report("five workers at once", fleet);
    List<JsonNode> one =
        run(home, dir.resolve("one"), List.of(Role.PLANNER), tokens, Map.of(), true);
    report("one worker, five in turn (same threads)", one);
    String allCores = Integer.toString(Runtime.getRuntime().availableProcessors());
    List<JsonNode> oneWide =
        run(
            home,
            dir.resolve("wide"),
            List.of(Role.PLANNER),
            tokens,
            Map.of("APEX_THREADS", allCores),
            true);
    report("one worker, five in turn (" + allCores + " threads)", oneWide);
    System.out.printf(Locale.ROOT, "load after: %s%n", loadAverage());
  }

  /**
   * Starts one process per role, waits until all have loaded and warmed their model, releases them
   * together, and collects what each reports. With {@code allPrompts}, each process serves the five
   * prompts in turn instead of its role's one.
   */
  private static List<JsonNode> run(
      Path home,
      Path dir,
      List<Role> roles,
      int tokens,
      Map<String, String> env,
      boolean allPrompts)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path go = dir.resolve("go");
    List<Process> processes = new ArrayList<>();
    for (Role role : roles) {
      List<String> command = new ArrayList<>(Fleet.javaCommand());
      command.add(FleetThroughputBenchmark.class.getName());
      command.addAll(
          List.of(
              "child",
              role.id(),
              Integer.toString(tokens),
              allPrompts ? "all" : "own",
              go.toString()));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("APEX_HOME", home.toString());
      builder.environment().putAll(env);
      builder.redirectError(dir.resolve(role.id() + ".err").toFile());
      processes.add(builder.start());
    }
    List<BufferedReader> outputs = new ArrayList<>();
    for (Process process : processes) {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (!"loaded".equals(line)) {
        throw new IllegalStateException("a benchmark process did not load: " + line);
      }
      outputs.add(out);
    }
    Files.writeString(go, "go");
    List<JsonNode> results = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      results.add(JSON.readTree(Objects.requireNonNull(outputs.get(i).readLine())));
      processes.get(i).waitFor();
    }
    return results;
  }

  private static void child(Role role, int tokens, String which, Path go) throws Exception {
    WorkerConfig config = WorkerConfig.forRole(System.getenv(), role);
    ModelBackend model = Backends.open(Objects.requireNonNull(config.backend()));
    model.warmup();
    System.out.println("loaded");
    while (!Files.exists(go)) {
      Thread.sleep(5);
    }
    List<String> prompts = new ArrayList<>();
    for (Role each : Role.values()) {
      if (which.equals("all") || each == role) {
        prompts.add(Objects.requireNonNull(PROMPTS.get(each)));
      }
    }
    long start = System.currentTimeMillis();
    int produced = 0;
    int promptTokens = 0;
    for (String prompt : prompts) {
      Completion completion =
          model.complete(
              CompletionRequest.ofMessages(List.of(ChatMessage.user(prompt)), tokens),
              TokenListener.NONE);
      produced += completion.usage().completionTokens();
      promptTokens += completion.usage().promptTokens();
    }
    long end = System.currentTimeMillis();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("role", role.id());
    result.put("threads", Objects.requireNonNull(config.backend()).threads());
    result.put("requests", prompts.size());
    result.put("prompt_tokens", promptTokens);
    result.put("completion_tokens", produced);
    result.put("start_ms", start);
    result.put("end_ms", end);
    result.put("rss_bytes", ProcessMemory.rssBytes().orElse(-1));
    result.put("pss_bytes", pss());
    System.out.println(JSON.writeValueAsString(result));
    System.out.flush();
    System.exit(0);
  }

  private static void report(String what, List<JsonNode> results) {
    long start = Long.MAX_VALUE;
    long end = 0;
    long tokens = 0;
    long requests = 0;
    long rss = 0;
    long pss = 0;
    for (JsonNode r : results) {
      start = Math.min(start, r.path("start_ms").asLong());
      end = Math.max(end, r.path("end_ms").asLong());
      tokens += r.path("completion_tokens").asLong();
      requests += r.path("requests").asLong();
      rss += r.path("rss_bytes").asLong();
      pss += r.path("pss_bytes").asLong();
    }
    double seconds = (end - start) / 1000.0;
    System.out.printf(
        Locale.ROOT,
        "%-42s %d processes x %d thread(s): %d requests, %d tokens in %.1f s = %.1f tokens/s;"
            + " RSS %d MiB, PSS %d MiB%n",
        what,
        results.size(),
        results.get(0).path("threads").asInt(),
        requests,
        tokens,
        seconds,
        tokens / seconds,
        rss >> 20,
        pss >> 20);
  }

  /** Proportional set size (Linux): shared pages divided among the processes that map them. */
  private static long pss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or an older kernel.
    }
    return -1;
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "?";
    }
  }
}
