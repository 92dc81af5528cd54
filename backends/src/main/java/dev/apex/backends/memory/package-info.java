/** Whether models and their KV caches fit in RAM or VRAM, for one worker or a fleet. */
@NullMarked
package dev.apex.backends.memory;

import org.jspecify.annotations.NullMarked;
