package org.tradeoffs.command.savings;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;

import java.math.BigDecimal;
import java.util.List;

/** @param ease ease of implementation, 1 (hard) to 5 (easy) */
public record SizeOpportunity(@TargetAggregateIdentifier String opportunityId, String cycleId, String sizingId,
                              List<Target> targets, int ease, String notes, Long expectedVersion, Actor actor) {

    /** Where a sizing would move one cost driver; a target left null keeps the driver's current figure. */
    public record Target(String driverId, BigDecimal conservativeQuantity, BigDecimal ambitiousQuantity,
                         BigDecimal conservativeUnitCost, BigDecimal ambitiousUnitCost) {

        boolean setsAny() {
            return conservativeQuantity != null || ambitiousQuantity != null || conservativeUnitCost != null
                    || ambitiousUnitCost != null;
        }
    }
}
