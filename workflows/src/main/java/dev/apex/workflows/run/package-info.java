/** Names: the run directory's layout and the episode id; pure functions, no I/O. */
@NullMarked
package dev.apex.workflows.run;

import org.jspecify.annotations.NullMarked;
