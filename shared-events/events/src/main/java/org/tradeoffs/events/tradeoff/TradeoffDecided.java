package org.tradeoffs.events.tradeoff;

/**
 * The votes decided the package under its rules (the last vote's caster is the actor). An approved
 * package commits its funding amounts on the opportunities in the same commit.
 */
public record TradeoffDecided(String tradeoffId, String cycleId, String districtId, Outcome outcome, Tally tally,
                              String actor)
        implements TradeoffEvent {
}
