package org.tradeoffs.events.tradeoff;

/**
 * A steering member closed the vote with a rationale; the outcome follows the rules applied to the
 * votes cast so far (without quorum it is rejected). An approved package commits its funding.
 */
public record TradeoffClosed(String tradeoffId, String cycleId, String districtId, Outcome outcome, Tally tally,
                             String rationale, String actor)
        implements TradeoffEvent {
}
