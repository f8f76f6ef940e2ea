package org.tradeoffs.command.priority;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;

public record WithdrawPriority(@TargetAggregateIdentifier String priorityId, String cycleId, String reason,
                               Long expectedVersion, Actor actor) {
}
