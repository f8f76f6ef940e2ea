package org.tradeoffs.command.savings;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;

import java.math.BigDecimal;
import java.util.List;

/** @param fte full-time equivalents on the line, or null */
public record AddBudgetLine(@TargetAggregateIdentifier String opportunityId, String cycleId, String budgetLineId,
                            List<String> path, BigDecimal annualAmount, BigDecimal fte, Long expectedVersion,
                            Actor actor) {
}
