/** Task sets in SWE-bench's shape: loading, validating and deriving their test lists. */
@NullMarked
package dev.apex.activities.tasks;

import org.jspecify.annotations.NullMarked;
