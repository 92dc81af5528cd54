package dev.apex.workers.bench;

import dev.apex.workers.RoleWorker;
import dev.apex.workers.TemporalConnection;
import dev.apex.workflows.Mode;
import dev.apex.workflows.TaskQueues;
import dev.apex.workflows.WorkflowTypes;
import dev.apex.workflows.episode.DescribeProgressActivities;
import dev.apex.workflows.episode.EpisodeInput;
import dev.apex.workflows.episode.EpisodeResult;
import dev.apex.workflows.episode.EpisodeWorkflow;
import dev.apex.workflows.episode.TimeRule;
import dev.apex.workflows.policy.PolicySettings;
import dev.apex.workflows.roles.Role;
import dev.apex.workflows.roles.TaskRef;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.worker.WorkerFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Orchestration cost on a Temporal server with activities that answer at once: episodes per minute,
 * and each activity's round trip as the server records it (scheduled → the workflow task that
 * consumed its result completed), at several concurrencies. Usage: {@code OrchestrationBench
 * [episodes] [concurrency,...]}; TEMPORAL_ADDRESS picks the server.
 */
public final class OrchestrationBench {

  private OrchestrationBench() {}

  public static void main(String[] args) throws Exception {
    int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    List<Integer> levels = new ArrayList<>();
    for (String level : (args.length > 1 ? args[1] : "1,8").split(",", -1)) {
      levels.add(Integer.parseInt(level.trim()));
    }
    String address = System.getenv().getOrDefault("TEMPORAL_ADDRESS", "127.0.0.1:7233");
    WorkflowClient client = TemporalConnection.connect(address, "default", "orchestration-bench");
    WorkerFactory factory = WorkerFactory.newInstance(client);
    NoopTeam team = new NoopTeam();
    var episodesWorker = factory.newWorker(TaskQueues.EPISODES);
    WorkflowTypes.register(episodesWorker);
    episodesWorker.registerActivitiesImplementations(
        team,
        new DescribeProgressActivities(
            client.getWorkflowServiceStubs(), "default", DefaultDataConverter.STANDARD_INSTANCE));
    for (Role role : Role.values()) {
      factory
          .newWorker(role.taskQueue(), RoleWorker.options("apex:" + role.id() + ":warm:bench", 8))
          .registerActivitiesImplementations(team);
    }
    factory.start();
    System.out.println(
        "| concurrent episodes | episodes | wall s | episodes/min | activities | round trip p50 ms | round trip p95 ms |");
    System.out.println("|---|---|---|---|---|---|---|");
    try {
      run(client, 2, 2, "warmup");
      for (int level : levels) {
        Stats stats = run(client, episodes, level, "c" + level);
        System.out.printf(
            Locale.ROOT,
            "| %d | %d | %.1f | %.0f | %d | %.0f | %.0f |%n",
            level,
            episodes,
            stats.wallSeconds,
            episodes * 60 / stats.wallSeconds,
            stats.roundTrips.size(),
            percentile(stats.roundTrips, 50),
            percentile(stats.roundTrips, 95));
      }
    } finally {
      factory.shutdownNow();
      System.exit(0);
    }
  }

  private record Stats(double wallSeconds, List<Long> roundTrips) {}

  private static Stats run(WorkflowClient client, int episodes, int concurrency, String tag)
      throws Exception {
    String prefix = "bench-" + tag + "-" + UUID.randomUUID().toString().substring(0, 6) + "-";
    Semaphore slots = new Semaphore(concurrency);
    List<CompletableFuture<EpisodeResult>> results = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < episodes; i++) {
      slots.acquire();
      EpisodeWorkflow episode =
          client.newWorkflowStub(EpisodeWorkflow.class, TaskQueues.onEpisodes(prefix + i).build());
      WorkflowClient.start(episode::run, input());
      results.add(
          WorkflowStub.fromTyped(episode)
              .getResultAsync(EpisodeResult.class)
              .whenComplete((r, e) -> slots.release()));
    }
    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get();
    double wall = (System.nanoTime() - start) / 1e9;
    List<Long> roundTrips = new ArrayList<>();
    for (int i = 0; i < episodes; i++) {
      roundTrips.addAll(roundTrips(client.fetchHistory(prefix + i).getEvents()));
    }
    return new Stats(wall, roundTrips);
  }

  /** Scheduled → completion of the workflow task that read the result, per activity, in ms. */
  static List<Long> roundTrips(List<HistoryEvent> events) {
    Map<Long, Long> scheduledAt = new HashMap<>();
    List<Long> pending = new ArrayList<>();
    List<Long> trips = new ArrayList<>();
    for (HistoryEvent event : events) {
      long at = com.google.protobuf.util.Timestamps.toMillis(event.getEventTime());
      if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
        scheduledAt.put(event.getEventId(), at);
      } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
        Long scheduled =
            scheduledAt.get(event.getActivityTaskCompletedEventAttributes().getScheduledEventId());
        if (scheduled != null) {
          pending.add(scheduled);
        }
      } else if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
        for (long scheduled : pending) {
          trips.add(at - scheduled);
        }
        pending.clear();
      }
    }
    return trips;
  }

  static double percentile(List<Long> values, int p) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
  }

  private static EpisodeInput input() {
    return new EpisodeInput(
        new TaskRef("bench", "/nowhere/tasks.jsonl"),
        "static_star",
        1_000_000,
        Mode.DEFAULT_ID,
        TimeRule.DEFAULTS,
        new PolicySettings(3, 100, 1_000_000),
        "/nowhere/run",
        null,
        null);
  }
}
