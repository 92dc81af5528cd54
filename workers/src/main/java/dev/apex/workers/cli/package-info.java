/** The {@code apex} command line: eval, workers, model check, report. */
@NullMarked
package dev.apex.workers.cli;

import org.jspecify.annotations.NullMarked;
