package org.tradeoffs.command.savings;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;

import java.time.LocalDate;

public record AddMilestone(@TargetAggregateIdentifier String opportunityId, String cycleId, String milestoneId,
                           String title, LocalDate dueDate, Long expectedVersion, Actor actor) {
}
