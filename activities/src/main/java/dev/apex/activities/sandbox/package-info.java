/** Runs untrusted commands (tests, model-written scripts) with no network and bounded resources. */
@NullMarked
package dev.apex.activities.sandbox;

import org.jspecify.annotations.NullMarked;
