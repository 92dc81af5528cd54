/** The model contract every backend implements: chat in, streamed tokens out, usage counted. */
@NullMarked
package dev.apex.backends;

import org.jspecify.annotations.NullMarked;
