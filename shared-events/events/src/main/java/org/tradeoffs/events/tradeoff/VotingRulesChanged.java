package org.tradeoffs.events.tradeoff;

/** The voting rules were changed after submission, before anyone voted (never after). */
public record VotingRulesChanged(String tradeoffId, String cycleId, String districtId, int quorum, Majority majority,
                                 String actor)
        implements TradeoffEvent {
}
