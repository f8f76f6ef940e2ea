package org.tradeoffs.command.savings;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;

import java.time.LocalDate;

/** Sent by the follow-up poller (actor {@code system}) when a milestone may be past its due date. */
public record MarkMilestoneOverdue(@TargetAggregateIdentifier String opportunityId, String milestoneId,
                                   LocalDate today, Actor actor) {
}
