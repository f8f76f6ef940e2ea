package org.tradeoffs.command.cycle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;

public record OpenPlanningCycle(@TargetAggregateIdentifier String cycleId, String districtId, String name, Actor actor) {
}
