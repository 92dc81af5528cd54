/**
 * Starts the five role workers and the episode worker, restarts the ones that die, stops them all.
 */
@NullMarked
package dev.apex.workers.supervisor;

import org.jspecify.annotations.NullMarked;
