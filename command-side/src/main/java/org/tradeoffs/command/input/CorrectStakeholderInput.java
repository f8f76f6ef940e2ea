package org.tradeoffs.command.input;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.events.input.InputContent;

/** States the input's content in full again, with the reason for the correction. */
public record CorrectStakeholderInput(@TargetAggregateIdentifier String inputId, String cycleId, InputContent content,
                                      String reason, Long expectedVersion, Actor actor) {
}
