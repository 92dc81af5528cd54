/** The batch's own steps: planning from the task file, the readiness gate, the report. */
@NullMarked
package dev.apex.activities.batch;

import org.jspecify.annotations.NullMarked;
