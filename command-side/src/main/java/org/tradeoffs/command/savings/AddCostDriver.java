package org.tradeoffs.command.savings;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.events.savings.Trend;

import java.math.BigDecimal;

/** @param budgetLineId the budget line of this opportunity the driver drives, or null */
public record AddCostDriver(@TargetAggregateIdentifier String opportunityId, String cycleId, String driverId,
                            String name, String unit, BigDecimal quantity, BigDecimal unitCost, Trend trend,
                            String budgetLineId, Long expectedVersion, Actor actor) {
}
