/**
 * CUDA device discovery through JCuda: which GPUs exist, their memory, and which one a worker uses.
 */
@NullMarked
package dev.apex.backends.cuda;

import org.jspecify.annotations.NullMarked;
