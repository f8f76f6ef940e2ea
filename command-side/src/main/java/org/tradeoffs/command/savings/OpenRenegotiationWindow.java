package org.tradeoffs.command.savings;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;

import java.time.LocalDate;

/** Sent by the follow-up poller (actor {@code system}) when a contract's renegotiation date may have come. */
public record OpenRenegotiationWindow(@TargetAggregateIdentifier String opportunityId, String constraintId,
                                      LocalDate today, Actor actor) {
}
