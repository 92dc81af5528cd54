/** Each worker's Prometheus endpoint: Temporal SDK metrics plus APEX's own. */
@NullMarked
package dev.apex.workers.metrics;

import org.jspecify.annotations.NullMarked;
