package org.tradeoffs.command.input;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;

import java.util.List;

public record TagStakeholderInput(@TargetAggregateIdentifier String inputId, String cycleId, List<String> themes,
                                  Long expectedVersion, Actor actor) {
}
