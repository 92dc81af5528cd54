/**
 * Process entry points: the five role workers and the episode worker; the only code that reads the
 * environment.
 */
@NullMarked
package dev.apex.workers;

import org.jspecify.annotations.NullMarked;
