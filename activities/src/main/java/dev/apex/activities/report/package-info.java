/** The run directory: results, predictions, the report and the success@budget curve. */
@NullMarked
package dev.apex.activities.report;

import org.jspecify.annotations.NullMarked;
