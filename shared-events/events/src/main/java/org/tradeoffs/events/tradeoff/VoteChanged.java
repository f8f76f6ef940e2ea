package org.tradeoffs.events.tradeoff;

/** A steering member changed their vote; the earlier one stays in the history. {@code actor} is the voter. */
public record VoteChanged(String tradeoffId, String cycleId, String districtId, Vote previousVote, Vote vote,
                          String comment, String actor)
        implements TradeoffEvent {
}
