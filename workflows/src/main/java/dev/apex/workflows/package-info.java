/** Episode and batch workflows: deterministic orchestration; no I/O happens here. */
@NullMarked
package dev.apex.workflows;

import org.jspecify.annotations.NullMarked;
