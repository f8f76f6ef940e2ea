package org.tradeoffs.command.tradeoff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.events.tradeoff.Vote;

/** A steering member's vote, a first one or a change of mind; the actor is the voter. */
public record CastVote(@TargetAggregateIdentifier String tradeoffId, String cycleId, Vote vote, String comment,
                       Long expectedVersion, Actor actor) {
}
