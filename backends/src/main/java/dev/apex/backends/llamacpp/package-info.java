/**
 * The java-llama.cpp backend: GGUF models on CPU, Metal, or CUDA with a CUDA build of libjllama.
 */
@NullMarked
package dev.apex.backends.llamacpp;

import org.jspecify.annotations.NullMarked;
