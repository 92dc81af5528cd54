package dev.apex.workers.cli;

import dev.apex.workflows.batch.BatchProgress;
import dev.apex.workflows.episode.Outcome;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Shows a batch's progress: one line rewritten in place on a terminal, plain lines when the output
 * goes elsewhere (a new line only when something changed, or every half minute).
 */
final class ProgressLine {

  private static final Duration PLAIN_EVERY = Duration.ofSeconds(30);

  private final PrintStream out;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private String last = "";
  private long lastPrintedNanos;

  ProgressLine(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  void show(BatchProgress progress) {
    String line = format(progress, Duration.ofNanos(System.nanoTime() - startNanos));
    if (terminal) {
      out.print("\r\033[K" + line);
      out.flush();
      return;
    }
    String key = progress.done() + "/" + progress.phase() + "/" + progress.running();
    boolean changed = !Objects.equals(key, last);
    if (changed || System.nanoTime() - lastPrintedNanos > PLAIN_EVERY.toNanos()) {
      out.println(line);
      last = key;
      lastPrintedNanos = System.nanoTime();
    }
  }

  void finish() {
    if (terminal) {
      out.println();
    }
  }

  static String format(BatchProgress p, Duration elapsed) {
    if (p.total() == 0) {
      // The batch has not read its task file yet: there is nothing to count.
      return String.format(Locale.ROOT, "%s · elapsed %s", p.phase(), clock(elapsed));
    }
    String eta = "?";
    if (p.done() > 0 && p.total() > p.done()) {
      long perTask = elapsed.toSeconds() / p.done();
      eta = clock(Duration.ofSeconds(perTask * (p.total() - p.done())));
    } else if (p.total() > 0 && p.done() == p.total()) {
      eta = "0:00";
    }
    int errors = p.outcomes() == null ? 0 : p.outcomes().getOrDefault(Outcome.ERROR, 0);
    return String.format(
        Locale.ROOT,
        "[%d/%d] resolved %d · errors %d · tokens %d · %s%s · elapsed %s · ETA %s",
        p.done(),
        p.total(),
        p.resolved(),
        errors,
        p.tokensUsed(),
        p.phase(),
        p.running().isEmpty() ? "" : " " + String.join(",", p.running()),
        clock(elapsed),
        eta);
  }

  private static String clock(Duration d) {
    return String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
  }
}
