package dev.apex.workers;

import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends this worker when its supervisor is gone, so a killed supervisor leaves no orphan behind. The
 * supervisor passes its pid in {@code APEX_SUPERVISOR_PID}.
 */
final class ParentWatch {

  private static final Logger LOG = LoggerFactory.getLogger(ParentWatch.class);

  private ParentWatch() {}

  static void start(Map<String, String> env) {
    String pid = env.get("APEX_SUPERVISOR_PID");
    if (pid == null || pid.isBlank()) {
      return;
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid.trim()));
    Thread watch =
        new Thread(
            () -> {
              while (parent.isPresent() && parent.get().isAlive()) {
                try {
                  Thread.sleep(1_000);
                } catch (InterruptedException e) {
                  return;
                }
              }
              LOG.info("supervisor " + pid + " is gone; exiting");
              System.exit(0);
            },
            "parent-watch");
    watch.setDaemon(true);
    watch.start();
  }
}
