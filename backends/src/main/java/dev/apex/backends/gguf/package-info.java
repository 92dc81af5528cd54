/** Reads GGUF model headers: metadata, tensor layout, and whether the file is whole. */
@NullMarked
package dev.apex.backends.gguf;

import org.jspecify.annotations.NullMarked;
