/** Test support shared by the workers' tests: the Temporal dev server that ITs run against. */
@NullMarked
package dev.apex.workers.testing;

import org.jspecify.annotations.NullMarked;
