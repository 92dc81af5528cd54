package dev.apex.activities.sandbox;

import java.time.Duration;
import java.util.Map;

/**
 * What a sandboxed command did.
 *
 * @param termination how it ended
 * @param exitCode the command's exit status; meaningful when {@code termination} is EXITED
 * @param output stdout and stderr interleaved: all of it, or its head and tail around a marker
 * @param outputBytes bytes the command printed in total
 * @param reports files the command left in {@code $APEX_REPORT_DIR}, by relative path
 * @param elapsed wall time
 */
public record SandboxResult(
    Termination termination,
    int exitCode,
    String output,
    long outputBytes,
    Map<String, String> reports,
    Duration elapsed) {

  public SandboxResult {
    reports = Map.copyOf(reports);
  }

  /** The last {@code maxChars} characters of the output. */
  public String outputTail(int maxChars) {
    return output.length() <= maxChars ? output : output.substring(output.length() - maxChars);
  }

  /** One line for logs and agents, e.g. {@code "exit 1 after 2.3 s"}. */
  public String summary() {
    String time = String.format("%.1f s", elapsed.toMillis() / 1000.0);
    return switch (termination) {
      case EXITED -> "exit " + exitCode + " after " + time;
      case TIMED_OUT -> "timed out after " + time + " (wall-time limit); killed";
      case OUTPUT_LIMIT -> "killed after printing " + outputBytes + " bytes (output limit)";
    };
  }
}
