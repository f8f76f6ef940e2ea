package org.tradeoffs.command.priority;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;

public record DecidePriority(@TargetAggregateIdentifier String priorityId, String cycleId, Outcome outcome,
                             String rationale, Long expectedVersion, Actor actor) {

    public enum Outcome { APPROVED, REJECTED }
}
