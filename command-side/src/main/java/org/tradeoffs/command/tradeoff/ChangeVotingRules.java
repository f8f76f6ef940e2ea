package org.tradeoffs.command.tradeoff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.events.tradeoff.Majority;

public record ChangeVotingRules(@TargetAggregateIdentifier String tradeoffId, String cycleId, int quorum,
                                Majority majority, Long expectedVersion, Actor actor) {
}
