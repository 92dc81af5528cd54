/** ITs of the real worker fleet: the default model on every role, against the dev server. */
@NullMarked
package dev.apex.workers.fleet;

import org.jspecify.annotations.NullMarked;
