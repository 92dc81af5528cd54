package dev.apex.backends.memory;

/**
 * Whether a set of workers fits one memory pool.
 *
 * @param fits true when {@code neededBytes ≤ availableBytes}
 * @param neededBytes what the workers need together
 * @param availableBytes what the pool offers
 * @param message one line naming the numbers
 */
public record FleetFit(boolean fits, long neededBytes, long availableBytes, String message) {}
