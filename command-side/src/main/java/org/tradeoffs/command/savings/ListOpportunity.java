package org.tradeoffs.command.savings;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.events.savings.FocusArea;

/** Adds a district's own opportunity to a cycle; the planning cycle numbers it (32, 33, ...). */
public record ListOpportunity(@TargetAggregateIdentifier String cycleId, FocusArea focusArea, String question,
                              Actor actor) {
}
