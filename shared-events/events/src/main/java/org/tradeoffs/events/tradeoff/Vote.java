package org.tradeoffs.events.tradeoff;

/** A steering member's vote on a package. */
public enum Vote {
    APPROVE, REJECT, ABSTAIN
}
