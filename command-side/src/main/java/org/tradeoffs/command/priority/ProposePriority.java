package org.tradeoffs.command.priority;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.events.priority.PriorityDetails;

public record ProposePriority(@TargetAggregateIdentifier String priorityId, String cycleId, String districtId,
                              PriorityDetails details, Actor actor) {
}
