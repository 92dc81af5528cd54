package dev.apex.activities.grading;

import dev.apex.activities.sandbox.SandboxResult;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One run of a task's tests on the base plus a patch plus the test patch.
 *
 * @param application how the patch was applied
 * @param reverted protected files the patch changed, put back before the test patch
 * @param statuses every test the report mentions
 * @param sandbox the test command's run; null when it did not run
 * @param error why the tests did not run (the test patch failed to apply), or null
 * @param elapsed wall time of the whole run, setup included
 */
public record TestRun(
    PatchApplication application,
    List<String> reverted,
    Map<String, TestStatus> statuses,
    @Nullable SandboxResult sandbox,
    @Nullable String error,
    Duration elapsed) {

  public TestRun {
    reverted = List.copyOf(reverted);
    statuses = Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
  }

  public TestStatus status(String test) {
    return statuses.getOrDefault(test, TestStatus.MISSING);
  }
}
