package org.tradeoffs.command.input;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.events.input.InputContent;

import java.util.List;

public record RecordStakeholderInput(@TargetAggregateIdentifier String inputId, String cycleId, String districtId,
                                     InputContent content, List<String> themes, Actor actor) {
}
