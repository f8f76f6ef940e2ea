package org.tradeoffs.events.tradeoff;

/** The votes cast on a package when it was decided. */
public record Tally(int approve, int reject, int abstain) {
}
