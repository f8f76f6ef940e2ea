package org.tradeoffs.events.savings;

import java.math.BigDecimal;

/**
 * Step 2: something that drives the cost, e.g. 40 buses at $95,000 each, optionally tied to a budget line.
 *
 * @param budgetLineId the budget line it drives, or null
 */
public record CostDriverAdded(String opportunityId, String cycleId, String districtId, String driverId, String name,
                              String unit, BigDecimal quantity, BigDecimal unitCost, Trend trend, String budgetLineId,
                              String actor)
        implements OpportunityEvent {
}
