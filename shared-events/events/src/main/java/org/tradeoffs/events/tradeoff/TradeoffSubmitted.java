package org.tradeoffs.events.tradeoff;

import java.util.List;

/**
 * The package went to the steering committee for a vote, with the rules fixed at this moment:
 * at least {@code quorum} votes cast, and the {@code majority} of non-abstaining votes approving.
 *
 * @param eligibleVoters the steering members at submission, who may vote
 */
public record TradeoffSubmitted(String tradeoffId, String cycleId, String districtId, int quorum, Majority majority,
                                List<String> eligibleVoters, String actor)
        implements TradeoffEvent {
}
