package dev.apex.workers.cli;

import dev.apex.activities.batch.WorkerReadiness;
import dev.apex.workers.RoleModels;
import dev.apex.workers.TemporalConnection;
import dev.apex.workers.WorkerConfig;
import dev.apex.workers.supervisor.Supervisor;
import dev.apex.workers.supervisor.WorkersNotReadyException;
import dev.apex.workflows.batch.BatchInput;
import dev.apex.workflows.roles.Role;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code apex eval}: runs a batch evaluation. Brings up what is missing (dev server, workers),
 * shows progress, waits, writes the run directory and prints the report. Running the same command
 * again resumes the same batch. The checks are {@link Preflight}'s, the batch's life {@link
 * BatchRun}'s; this command parses and puts them in order.
 */
@Command(
    name = "eval",
    description = "Evaluate a policy on a task set; writes results, predictions and a report.",
    defaultValueProvider = EvalDefaults.class,
    sortOptions = false)
final class EvalCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(EvalCommand.class);

  @Mixin BatchFlags batch = new BatchFlags();

  @Mixin BackendOption backend = new BackendOption();

  @Mixin SandboxOption sandbox = new SandboxOption();

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
    SandboxGate gate = sandbox.open(env, "apex eval", System.out, System.err);
    if (gate == null) {
      return SandboxGate.EXIT_NO_SANDBOX;
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
          BatchRun.completed(client, batchId)
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
      return BatchRun.run(client, server, input, batchId);
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
        Fleet.supervisor(home, server.address(), backend.backend, episodesOnly, workerEnv);
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
    return Preflight.check(batch, models(home), env, home);
  }

  /** The settings every role's worker will resolve; the one reading of backend and model. */
  private RoleModels models(Path home) {
    return RoleModels.of(env, home, backend.backend);
  }
}
