package org.tradeoffs.command.savings;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;

public record CompleteMilestone(@TargetAggregateIdentifier String opportunityId, String cycleId, String milestoneId,
                                Long expectedVersion, Actor actor) {
}
