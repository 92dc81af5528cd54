/** ITs of the local Temporal dev server that temporal-dev/ installs and runs. */
@NullMarked
package dev.apex.workers.devserver;

import org.jspecify.annotations.NullMarked;
