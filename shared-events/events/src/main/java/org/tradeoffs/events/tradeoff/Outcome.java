package org.tradeoffs.events.tradeoff;

/** How a vote on a package ended. */
public enum Outcome {
    APPROVED, REJECTED
}
