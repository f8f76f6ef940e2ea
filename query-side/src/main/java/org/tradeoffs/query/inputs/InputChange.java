package org.tradeoffs.query.inputs;

/**
 * The view of a frame on {@code /topic/cycles/{cycleId}/inputs}: the changed input (null when a tradeoff
 * package changed what considered inputs show) and the cycle's digest after the change.
 */
public record InputChange(InputView input, InputDigest digest) {
}
