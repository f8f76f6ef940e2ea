package org.tradeoffs.events.priority;

import java.math.BigDecimal;

/**
 * What a priority proposes: the part a proposal and each revision state in full.
 *
 * @param estimatedAnnualCost exact USD amount per year
 * @param lcapGoal optional reference to the LCAP goal it serves, may be null
 */
public record PriorityDetails(
        String title,
        String description,
        String theoryOfAction,
        Fundability fundability,
        BigDecimal estimatedAnnualCost,
        String lcapGoal) {
}
