package org.tradeoffs.command.tradeoff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.events.tradeoff.PackageContent;

/** States the draft's content in full again. */
public record ReviseTradeoff(@TargetAggregateIdentifier String tradeoffId, String cycleId, PackageContent content,
                             Long expectedVersion, Actor actor) {
}
