package org.tradeoffs.command.priority;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.events.priority.PriorityDetails;

/** @param expectedVersion the version the client revised (from {@code If-Match}) */
public record RevisePriority(@TargetAggregateIdentifier String priorityId, String cycleId, PriorityDetails details,
                             Long expectedVersion, Actor actor) {
}
