/** A deterministic backend for tests and CI: scripted replies, latency and injected faults. */
@NullMarked
package dev.apex.backends.stub;

import org.jspecify.annotations.NullMarked;
