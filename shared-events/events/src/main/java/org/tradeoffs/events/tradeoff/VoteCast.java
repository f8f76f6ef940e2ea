package org.tradeoffs.events.tradeoff;

/** A steering member voted on the package, with an optional comment. {@code actor} is the voter. */
public record VoteCast(String tradeoffId, String cycleId, String districtId, Vote vote, String comment, String actor)
        implements TradeoffEvent {
}
