package org.tradeoffs.command.tradeoff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;

/** A steering member (the chair) ends the vote with a rationale; the votes so far decide the outcome. */
public record CloseTradeoff(@TargetAggregateIdentifier String tradeoffId, String cycleId, String rationale,
                            Long expectedVersion, Actor actor) {
}
