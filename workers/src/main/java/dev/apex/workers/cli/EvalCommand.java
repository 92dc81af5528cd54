package dev.apex.workers.cli;

import dev.apex.activities.batch.WorkerReadiness;
import dev.apex.activities.sandbox.SandboxConfig;
import dev.apex.activities.tasks.TaskFileException;
import dev.apex.activities.tasks.TaskLoader;
import dev.apex.activities.tasks.TaskSet;
import dev.apex.backends.BackendChoice;
import dev.apex.backends.DefaultModel;
import dev.apex.backends.PermanentBackendException;
import dev.apex.workers.RoleModels;
import dev.apex.workers.TemporalConnection;
import dev.apex.workers.WorkerConfig;
import dev.apex.workers.supervisor.Supervisor;
import dev.apex.workers.supervisor.WorkersNotReadyException;
import dev.apex.workflows.ApexSearchAttributes;
import dev.apex.workflows.BuiltInPredictions;
import dev.apex.workflows.Mode;
import dev.apex.workflows.TaskQueues;
import dev.apex.workflows.batch.BatchInput;
import dev.apex.workflows.batch.BatchProgress;
import dev.apex.workflows.batch.BatchReport;
import dev.apex.workflows.batch.BatchWorkflow;
import dev.apex.workflows.roles.Role;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code apex eval}: runs a batch evaluation. Brings up what is missing (dev server, workers),
 * shows progress, waits, writes the run directory and prints the report. Running the same command
 * again resumes the same batch.
 */
@Command(
    name = "eval",
    description = "Evaluate a policy on a task set; writes results, predictions and a report.",
    defaultValueProvider = EvalDefaults.class,
    sortOptions = false)
final class EvalCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(EvalCommand.class);

  /** The bundled tasks run by default: a mix that finishes in about ten minutes on 2 cores. */
  static final String QUICK_SUBSET = "tasks/apex-bugs/quick.txt";

  /** A batch input's field in a problem message: {@code budget must}, {@code llmTimeoutS (9)}. */
  private static final Pattern FIELD = Pattern.compile("\\b[a-z]+(?:[A-Z][a-z]*)*(?= must| \\()");

  /** This command's flags, read from its own options so the list cannot go stale. */
  private static final Set<String> FLAGS =
      Arrays.stream(EvalCommand.class.getDeclaredFields())
          .map(field -> field.getAnnotation(Option.class))
          .filter(Objects::nonNull)
          .flatMap(option -> Arrays.stream(option.names()))
          .collect(Collectors.toUnmodifiableSet());

  @Option(
      names = "--tasks",
      description =
          "Task file (JSONL, SWE-bench shape). Default: the bundled set (its quick subset unless --all).")
  @Nullable Path tasks;

  @Option(names = "--all", description = "With the bundled set: every task, not the quick subset.")
  boolean all;

  @Option(names = "--instance-ids", split = ",", description = "Only these tasks, comma-separated.")
  @Nullable List<String> instanceIds;

  @Option(names = "--limit", description = "At most this many tasks.")
  @Nullable Integer limit;

  @Option(
      names = "--policy",
      description =
          "static_star, static_chain, single_agent, or a plugged-in one (default ${DEFAULT-VALUE}).")
  String policy = BatchInput.DEFAULT_POLICY;

  @Option(
      names = "--budget",
      description =
          "Tokens per episode, prompt + completion, all roles (default ${DEFAULT-VALUE}).")
  int budget;

  @Option(
      names = "--mode",
      description =
          "swe (tests hidden) or hinted (failing tests named) (default ${DEFAULT-VALUE}).")
  String mode = Mode.DEFAULT_ID;

  @Option(names = "--out", description = "Run directory (default runs/<batch id>).")
  @Nullable Path out;

  @Option(
      names = "--episode-timeout-s",
      description = "Base episode deadline (default ${DEFAULT-VALUE}).")
  int episodeTimeoutS;

  @Option(
      names = "--llm-timeout-s",
      description = "Limit of one LLM call (default ${DEFAULT-VALUE}).")
  int llmTimeoutS;

  @Option(
      names = "--progress-extend-s",
      description = "Extension while progress continues (default ${DEFAULT-VALUE}).")
  int progressExtendS;

  @Option(
      names = "--max-episode-timeout-s",
      description = "Hard cap of an episode (default ${DEFAULT-VALUE}).")
  int maxEpisodeTimeoutS;

  @Option(
      names = "--heartbeat-timeout-s",
      description = "A call silent this long is retried (default ${DEFAULT-VALUE}).")
  int heartbeatTimeoutS;

  @Option(
      names = "--test-timeout-s",
      description =
          "Wall-time limit of one sandboxed test run; a task's timeout_s may lower it (default ${DEFAULT-VALUE}).")
  int testTimeoutS;

  @Option(
      names = "--grading-runs",
      description =
          "Run the required tests this many times; a test whose result differs is flaky (default ${DEFAULT-VALUE}).")
  int gradingRuns;

  @Option(
      names = "--no-worker-timeout-s",
      defaultValue = "300",
      description =
          "A role call no worker picks up within this ends the episode as ERROR; the wait does not"
              + " count against the deadline (default ${DEFAULT-VALUE}).")
  int noWorkerTimeoutS;

  @Option(
      names = "--max-rounds",
      description = "Rounds before a policy submits (default ${DEFAULT-VALUE}).")
  int maxRounds;

  @Option(
      names = "--max-completion-tokens",
      description = "Completion cap of one call (default ${DEFAULT-VALUE}).")
  int maxCompletionTokens;

  @Option(
      names = "--hub-context-tokens",
      description =
          "The hub's conversation is summarized past this many tokens (default ${DEFAULT-VALUE}).")
  int hubContextTokens;

  @Option(names = "--concurrency", description = "Episodes at once (default ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--predictions",
      description =
          "Grade given patches instead of running agents: gold, empty, or a predictions file.")
  @Nullable String predictions;

  @Option(
      names = "--backend",
      description =
          "Model backend for workers this command starts: llamacpp (default), stub, llama_cpp_metal, hf_cuda, ...")
  @Nullable String backend;

  @Option(
      names = SandboxConfig.ALLOW_UNSANDBOXED_FLAG,
      description =
          "Where bubblewrap cannot run, run model-written code WITHOUT isolation (sets "
              + SandboxConfig.ALLOW_UNSANDBOXED
              + "=1 for the workers started here).")
  boolean allowUnsandboxed;

  @Option(
      names = "--stop-server",
      description = "Stop the dev server at the end if this command started it.")
  boolean stopServer;

  /** This command's claim on the fleet it starts, held until the fleet stops. */
  private @Nullable FleetLock fleetLock;

  /** The environment this command reads; tests give their own. */
  Map<String, String> env = System.getenv();

  @Override
  public Integer call() throws Exception {
    Path home = WorkerConfig.home(env);
    BatchInput input;
    try {
      input = input(home);
    } catch (BadInput e) {
      System.err.println("apex eval: " + e.getMessage());
      System.err.println("hint: " + e.hint);
      return 2;
    }
    SandboxGate gate = SandboxGate.check(env, allowUnsandboxed);
    if (gate.refusal() != null) {
      System.err.println("apex eval: " + gate.refusal());
      return SandboxGate.EXIT_NO_SANDBOX;
    }
    if (gate.warning() != null) {
      System.out.println("apex eval: " + gate.warning());
    }
    String backendName = models(home).backendName(Role.CODER);
    String batchId;
    try {
      batchId = BatchRunDirectory.claim(home, input, backendName, env);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println("apex eval: " + e.getMessage());
      return 2;
    }
    LocalServer server = new LocalServer(home, env);
    Supervisor supervisor = null;
    try {
      server.ensureRunning();
      WorkflowClient client =
          TemporalConnection.connect(
              server.address(), server.namespace(), "apex-cli@" + ProcessHandle.current().pid());
      // A batch that already completed needs no workers: its report is printed again.
      supervisor =
          completed(client, batchId)
              ? null
              : workers(home, client, server, input.predictions() != null, gate.workerEnv());
      Supervisor started = supervisor;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(() -> {
                if (started != null) {
                  started.close();
                }
              }));
      return run(client, server, input, batchId);
    } catch (IllegalStateException | WorkersNotReadyException e) {
      System.err.println("apex eval: " + e.getMessage());
      return 1;
    } finally {
      if (supervisor != null) {
        supervisor.close();
      }
      if (fleetLock != null) {
        fleetLock.close();
      }
      if (server.startedHere() && stopServer) {
        server.stop();
      } else if (server.startedHere()) {
        LOG.info(
            "the dev server keeps running so the UI link works; stop it with"
                + " temporal-dev/stop.sh (or pass --stop-server next time)");
      }
    }
  }

  private int run(WorkflowClient client, LocalServer server, BatchInput input, String batchId)
      throws InterruptedException {
    BatchWorkflow batch =
        client.newWorkflowStub(
            BatchWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(batchId)
                .setTaskQueue(TaskQueues.EPISODES)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .setTypedSearchAttributes(
                    SearchAttributes.newBuilder()
                        .set(ApexSearchAttributes.BATCH, batchId)
                        .set(ApexSearchAttributes.OUTCOME, ApexSearchAttributes.RUNNING)
                        .build())
                .setStaticSummary(summary(input))
                .build());
    try {
      WorkflowClient.start(batch::run, input);
      System.out.println("apex eval: started batch " + batchId);
    } catch (WorkflowExecutionAlreadyStarted e) {
      System.out.println(
          "apex eval: resuming batch " + batchId + " (same inputs as an earlier run)");
    }
    if (server.isLocal()) {
      System.out.println("apex eval: watch it at " + server.uiLink(batchId));
    }
    BatchWorkflow attached = client.newWorkflowStub(BatchWorkflow.class, batchId);
    CompletableFuture<BatchReport> result =
        WorkflowStub.fromTyped(attached).getResultAsync(BatchReport.class);
    ProgressLine line = new ProgressLine(System.out, Boolean.getBoolean("apex.tty"));
    while (!result.isDone()) {
      try {
        BatchProgress progress = attached.progress();
        line.show(progress);
      } catch (RuntimeException e) {
        // The batch may be between runs (continue-as-new) or not picked up yet; try again.
      }
      try {
        result.get(2, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // keep polling until done; a failure is reported below
      }
    }
    line.finish();
    try {
      BatchReport report = result.get();
      printReport(report);
      return BatchVerdict.exitCode(report, input, System.out);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String message =
          cause instanceof WorkflowFailedException failed && failed.getCause() != null
              ? String.valueOf(failed.getCause().getMessage())
              : String.valueOf(cause == null ? e.getMessage() : cause.getMessage());
      System.err.println("apex eval: batch " + batchId + " failed: " + message);
      return 1;
    }
  }

  private static boolean completed(WorkflowClient client, String batchId) {
    try {
      return client.newUntypedWorkflowStub(batchId).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  /** The batch's one-line summary in the UI, e.g. "static_star on 4 tasks of tasks.jsonl". */
  static String summary(BatchInput input) {
    List<String> ids = input.instanceIds();
    String tasks =
        ids != null
            ? ids.size() + (ids.size() == 1 ? " task" : " tasks")
            : input.limit() != null ? "the first " + input.limit() + " tasks" : "all tasks";
    String predictions = input.predictions();
    return "APEX batch: "
        + (predictions != null ? fileName(predictions) + " predictions" : input.policy())
        + " on "
        + tasks
        + " of "
        + (input.tasks() == null ? "the bundled set" : fileName(input.tasks()))
        + " · budget "
        + input.budget();
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static void printReport(BatchReport report) {
    System.out.printf(
        "apex eval: %d/%d resolved (success@%d = %.1f%%) with %s; %d tokens; outcomes %s%n",
        report.resolved(),
        report.tasks(),
        report.budget(),
        report.successRate() * 100,
        report.policy(),
        report.tokensUsed(),
        report.outcomes());
    System.out.println(
        "apex eval: run directory "
            + report.runDir()
            + " (report.json, results.jsonl, predictions.jsonl, success_at_budget.svg)");
  }

  /**
   * The workers this batch needs, started here when they are not already running: a local {@code
   * workers up} fleet is used as is; otherwise this command starts its own and stops it at the end.
   */
  private @Nullable Supervisor workers(
      Path home,
      WorkflowClient client,
      LocalServer server,
      boolean episodesOnly,
      Map<String, String> workerEnv)
      throws InterruptedException {
    if (!server.isLocal()) {
      Set<Role> missing =
          new WorkerReadiness(client.getWorkflowServiceStubs(), server.namespace()).missing();
      if (missing.isEmpty()) {
        LOG.info("using the warm workers polling " + server.address());
        return null;
      }
    }
    Path fleetDir = Fleet.stateDir(home);
    fleetLock = FleetLock.tryClaim(fleetDir, FleetLock.Owner.EVAL).orElse(null);
    if (fleetLock == null) {
      FleetLock.Holder holder = FleetLock.holder(fleetDir);
      if (holder.isWorkersUp()) {
        LOG.info("using the workers of ./apex workers up");
        return null;
      }
      throw new IllegalStateException(Fleet.busy(holder, fleetDir));
    }
    Supervisor supervisor =
        Fleet.supervisor(home, server.address(), backend, episodesOnly, workerEnv);
    long start = System.nanoTime();
    supervisor.start();
    try {
      supervisor.awaitReady(Duration.ofMinutes(5));
    } catch (WorkersNotReadyException e) {
      supervisor.close();
      throw e;
    }
    LOG.info(String.format("workers ready in %.1f s", (System.nanoTime() - start) / 1e9));
    return supervisor;
  }

  /** The batch input, checked before anything starts; throws with a hint when it is wrong. */
  BatchInput input(Path home) {
    RoleModels models = models(home);
    try {
      models.requestedBackend();
    } catch (IllegalArgumentException e) {
      throw new BadInput(
          e.getMessage(), models.requestedBy() + " takes one of " + BackendChoice.names());
    }
    String backendName;
    try {
      backendName = models.backendName(Role.CODER);
    } catch (IllegalArgumentException e) {
      throw new BadInput(
          e.getMessage(),
          "fix the roles config (" + RoleModels.ROLES_CONFIG_ENV + ", else workers/roles.json)");
    }
    try {
      SandboxConfig.defaults(env);
    } catch (IllegalArgumentException e) {
      throw new BadInput(e.getMessage(), "unset it for an offline sandbox, the default");
    }
    Path taskFile =
        tasks == null
            ? home.resolve(WorkerConfig.BUNDLED_TASKS)
            : tasks.toAbsolutePath().normalize();
    if (!Files.isRegularFile(taskFile)) {
      throw new BadInput(
          "task file not found: " + taskFile,
          "give --tasks FILE.jsonl, or leave it out for the bundled set");
    }
    TaskSet set;
    try {
      set = TaskLoader.load(taskFile);
    } catch (TaskFileException e) {
      throw new BadInput(
          e.getMessage(), "fix the task file; docs/tasks-and-grading.md describes the format");
    }
    List<String> ids = instanceIds;
    if (ids == null && tasks == null && !all && limit == null) {
      ids = quickSubset(home);
    }
    if (ids != null) {
      for (String id : ids) {
        if (set.find(id).isEmpty()) {
          throw new BadInput(
              "no task '" + id + "' in " + taskFile,
              "list the ids with: jq -r .instance_id " + taskFile);
        }
      }
    }
    String predictionsArg = predictions;
    if (predictionsArg != null && BuiltInPredictions.named(predictionsArg).isEmpty()) {
      Path file = Path.of(predictionsArg).toAbsolutePath().normalize();
      if (!Files.isRegularFile(file)) {
        throw new BadInput(
            "predictions file not found: " + file,
            "--predictions takes gold, empty, or a SWE-bench predictions file");
      }
      predictionsArg = file.toString();
    }
    if (predictionsArg == null) {
      checkModels(models);
    }
    BatchInput input =
        new BatchInput(
            taskFile.toString(),
            ids,
            limit,
            policy,
            budget,
            mode,
            episodeTimeoutS,
            progressExtendS,
            maxEpisodeTimeoutS,
            llmTimeoutS,
            heartbeatTimeoutS,
            testTimeoutS,
            gradingRuns,
            noWorkerTimeoutS,
            maxRounds,
            maxCompletionTokens,
            hubContextTokens,
            concurrency,
            null,
            out == null ? null : out.toAbsolutePath().normalize().toString(),
            predictionsArg,
            "apex/" + backendName + "/" + policy,
            null);
    List<String> problems = input.resolve().problems();
    if (!problems.isEmpty()) {
      throw new BadInput(
          flagNames(String.join("; ", problems)),
          "see ./apex eval --help for every flag and its default");
    }
    return input;
  }

  /** A problem message with the batch input's field names replaced by this command's flags. */
  static String flagNames(String message) {
    Matcher field = FIELD.matcher(message);
    StringBuilder out = new StringBuilder();
    while (field.find()) {
      String name = field.group();
      String flag = "--" + name.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
      field.appendReplacement(out, Matcher.quoteReplacement(FLAGS.contains(flag) ? flag : name));
    }
    field.appendTail(out);
    return out.toString();
  }

  /** The settings every role's worker will resolve; the one reading of backend and model. */
  private RoleModels models(Path home) {
    return RoleModels.of(env, home, backend);
  }

  /** Refuses what the workers would refuse, and fetches the default model when it is missing. */
  private static void checkModels(RoleModels models) {
    try {
      for (Role role : Role.values()) {
        try {
          models.checkAllowed(role);
        } catch (IllegalArgumentException e) {
          throw new BadInput(
              e.getMessage(),
              "use --backend stub, or --predictions gold|empty|FILE to grade given patches");
        }
      }
      models.prepareAll(LOG::info);
      for (Role role : Role.values()) {
        Path model = models.modelPath(role);
        if (!models.isStub(role) && !Files.isRegularFile(model)) {
          throw new BadInput(
              "model not found: " + model,
              "run "
                  + DefaultModel.FETCH_SCRIPT
                  + ", set "
                  + DefaultModel.PATH_ENV
                  + ", or use --backend stub");
        }
      }
    } catch (PermanentBackendException e) {
      throw new BadInput(
          e.getMessage(),
          "run " + DefaultModel.FETCH_SCRIPT + " to see why, or set " + DefaultModel.PATH_ENV);
    } catch (IllegalArgumentException e) {
      throw new BadInput(
          e.getMessage(), "fix the setting it names; docs/configuration.md lists every one");
    }
  }

  private static List<String> quickSubset(Path home) {
    Path file = home.resolve(QUICK_SUBSET);
    try {
      List<String> ids = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        String id = line.strip();
        if (!id.isEmpty() && !id.startsWith("#")) {
          ids.add(id);
        }
      }
      return ids;
    } catch (IOException e) {
      throw new BadInput("cannot read the quick subset " + file, "give --all or --tasks");
    }
  }

  /** Input that cannot run; carries a hint on what to do instead. */
  static final class BadInput extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String hint;

    BadInput(@Nullable String message, String hint) {
      super(message);
      this.hint = hint;
    }
  }
}
