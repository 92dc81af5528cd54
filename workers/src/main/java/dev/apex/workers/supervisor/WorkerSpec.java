package dev.apex.workers.supervisor;

import java.util.List;
import java.util.Map;

/**
 * How to start one worker process.
 *
 * @param name {@code planner} ... {@code summarizer}, or {@code episodes}
 * @param jvmOptions JVM options of this worker alone, after the supervisor's common ones
 * @param mainClass the process's entry point
 * @param args its arguments
 * @param env variables added to the supervisor's environment
 * @param metricsPort where it serves {@code /metrics}, {@code /status} and {@code /ready}
 */
public record WorkerSpec(
    String name,
    List<String> jvmOptions,
    String mainClass,
    List<String> args,
    Map<String, String> env,
    int metricsPort) {

  public WorkerSpec {
    jvmOptions = List.copyOf(jvmOptions);
    args = List.copyOf(args);
    env = Map.copyOf(env);
  }

  public String statusUrl() {
    return "http://127.0.0.1:" + metricsPort + "/status";
  }

  public String readyUrl() {
    return "http://127.0.0.1:" + metricsPort + "/ready";
  }

  public String metricsUrl() {
    return "http://127.0.0.1:" + metricsPort + "/metrics";
  }
}
