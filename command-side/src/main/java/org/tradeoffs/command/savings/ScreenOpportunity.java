package org.tradeoffs.command.savings;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.events.savings.ScreeningDecision;

public record ScreenOpportunity(@TargetAggregateIdentifier String opportunityId, String cycleId,
                                ScreeningDecision decision, String reason, Long expectedVersion, Actor actor) {
}
