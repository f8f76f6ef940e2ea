package org.tradeoffs.command.tradeoff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.events.tradeoff.PackageContent;

public record DraftTradeoff(@TargetAggregateIdentifier String tradeoffId, String cycleId, String districtId,
                            PackageContent content, Actor actor) {
}
