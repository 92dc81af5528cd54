/**
 * The native engine backend: llama.cpp built by {@code ./apex native build}, called through a small
 * JNI shim ({@code backends/native/apexllama.c}), with KV cache reuse across a conversation's
 * calls.
 */
@NullMarked
package dev.apex.backends.llamanative;

import org.jspecify.annotations.NullMarked;
