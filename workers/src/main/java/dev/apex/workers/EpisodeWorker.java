package dev.apex.workers;

import dev.apex.activities.batch.BatchActivitiesImpl;
import dev.apex.activities.episode.EpisodeActivitiesImpl;
import dev.apex.activities.grading.Grader;
import dev.apex.activities.roles.TaskCatalog;
import dev.apex.activities.sandbox.PythonToolEnv;
import dev.apex.activities.sandbox.Sandbox;
import dev.apex.activities.sandbox.SandboxConfig;
import dev.apex.activities.tasks.TestEnvResolver;
import dev.apex.workers.metrics.MetricsServer;
import dev.apex.workers.metrics.WorkerMetrics;
import dev.apex.workers.supervisor.WorkerStatus;
import dev.apex.workflows.TaskQueues;
import dev.apex.workflows.WorkflowTypes;
import dev.apex.workflows.episode.DescribeProgressActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The episode worker process: runs the episode and batch workflows and their non-LLM activities
 * (working copies, grading, the progress probe, readiness, reports) on {@code apex-episodes}.
 */
public final class EpisodeWorker {

  private static final Logger LOG = LoggerFactory.getLogger(EpisodeWorker.class);

  private EpisodeWorker() {}

  public static void main(String[] args) {
    ExitCode.runOrExit(() -> run(System.getenv()));
  }

  /**
   * The factory of an episode worker: its steps heartbeat while they run (see {@link
   * StepHeartbeats}), which the episode workflow's heartbeat timeout on them relies on.
   */
  public static WorkerFactory factory(WorkflowClient client) {
    return WorkerFactory.newInstance(
        client,
        WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new StepHeartbeats()).build());
  }

  /** Registers the workflows and the activities the episode worker serves on {@code worker}. */
  public static void register(
      Worker worker,
      WorkflowClient client,
      WorkerConfig config,
      Sandbox sandbox,
      SandboxConfig sandboxConfig) {
    WorkflowTypes.register(worker);
    TaskCatalog tasks = new TaskCatalog();
    Grader grader =
        new Grader(
            sandbox,
            config.workDir().resolve("grading"),
            new TestEnvResolver(new PythonToolEnv(sandboxConfig.toolEnvDir())));
    worker.registerActivitiesImplementations(
        new EpisodeActivitiesImpl(tasks, grader),
        new BatchActivitiesImpl(client, config.home(), config.bundledTasks(), sandbox.kind()),
        new DescribeProgressActivities(
            client.getWorkflowServiceStubs(),
            config.namespace(),
            DefaultDataConverter.STANDARD_INSTANCE));
  }

  static void run(Map<String, String> env) {
    ParentWatch.start(env);
    WorkerConfig config = WorkerConfig.episodes(env);
    Liveness liveness = new Liveness();
    WorkerMetrics metrics = new WorkerMetrics("episodes");
    Map<String, Object> status = RoleWorker.status("episodes", env);
    status.put("model", "-");
    status.put("device", "-");
    status.put(WorkerStatus.READY, false);
    MetricsServer server =
        RoleWorker.serveStatus(env, config.metricsPort(), metrics, status, liveness);
    SandboxConfig sandboxConfig = SandboxConfig.defaults(env);
    Sandbox sandbox = Sandbox.forThisMachine(sandboxConfig);
    LOG.info("sandbox: " + sandbox.isolation());
    try {
      Files.createDirectories(config.workDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + config.workDir(), e);
    }
    String identity = "apex:episodes@" + config.host() + ":" + ProcessHandle.current().pid();
    WorkflowClient client =
        TemporalConnection.client(
            TemporalConnection.workerService(
                config.temporalAddress(), metrics.temporalScope(), liveness),
            config.namespace(),
            identity);
    WorkerFactory factory = factory(client);
    register(factory.newWorker(TaskQueues.EPISODES), client, config, sandbox, sandboxConfig);
    Serving.startPolling(factory, server, status);
    LOG.info(
        "ready: polling "
            + TaskQueues.EPISODES
            + " ("
            + RoleWorker.sinceJvmStart().toMillis()
            + " ms after the JVM started); metrics on "
            + server.url());
    Serving.waitForever();
  }
}
