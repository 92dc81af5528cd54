package dev.apex.workers.cli;

import dev.apex.workflows.BuiltInPredictions;
import dev.apex.workflows.batch.BatchInput;
import dev.apex.workflows.batch.BatchReport;
import dev.apex.workflows.episode.Outcome;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The exit status of a completed batch: 0 whatever the success rate, unless every task ended in
 * ERROR (nothing was measured: the environment is broken). With {@code --predictions gold}, the
 * environment check, the tasks whose gold patch did not validate are listed with why.
 */
final class BatchVerdict {

  /** Exit status of a batch that completed without measuring anything. */
  static final int EXIT_NOT_MEASURED = 1;

  private BatchVerdict() {}

  static int exitCode(BatchReport report, BatchInput input, PrintStream out) {
    int code = 0;
    if (BuiltInPredictions.GOLD.id().equals(input.predictions())) {
      GoldCheck.print(Path.of(report.runDir()), out);
    }
    int errors = report.outcomes().getOrDefault(Outcome.ERROR, 0);
    if (report.tasks() > 0 && errors == report.tasks()) {
      out.println(
          "apex eval: every task ended in ERROR, so nothing was measured; the reasons are in "
              + Path.of(report.runDir()).resolve("results.jsonl"));
      code = EXIT_NOT_MEASURED;
    }
    return code;
  }
}
