package org.tradeoffs.command.savings;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.events.savings.ConstraintKind;

import java.time.LocalDate;

/** @param renegotiationDate when a contract opens for renegotiation, or null; only contracts have one */
public record RecordConstraint(@TargetAggregateIdentifier String opportunityId, String cycleId, String constraintId,
                               ConstraintKind kind, boolean rigid, String description, LocalDate renegotiationDate,
                               Long expectedVersion, Actor actor) {
}
