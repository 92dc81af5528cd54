/** Benchmarks run as programs, never as timed tests: their numbers go into docs/performance.md. */
@NullMarked
package dev.apex.workers.bench;

import org.jspecify.annotations.NullMarked;
