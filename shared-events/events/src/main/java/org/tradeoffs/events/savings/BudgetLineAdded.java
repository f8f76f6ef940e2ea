package org.tradeoffs.events.savings;

import java.math.BigDecimal;
import java.util.List;

/**
 * Step 1: a line of the budget behind the opportunity, placed in a budget tree by its path
 * (e.g. {@code ["Operations", "Transportation", "General education routes"]}).
 *
 * @param annualAmount exact USD per year
 * @param fte          full-time equivalents on the line, or null
 */
public record BudgetLineAdded(String opportunityId, String cycleId, String districtId, String budgetLineId,
                              List<String> path, BigDecimal annualAmount, BigDecimal fte, String actor)
        implements OpportunityEvent {
}
