package org.tradeoffs.command.tradeoff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.events.tradeoff.Majority;

import java.util.List;

/** @param steeringMembers the district's steering members now: they become the package's eligible voters */
public record SubmitTradeoff(@TargetAggregateIdentifier String tradeoffId, String cycleId, int quorum,
                             Majority majority, List<String> steeringMembers, Long expectedVersion, Actor actor) {

    public SubmitTradeoff {
        steeringMembers = List.copyOf(steeringMembers);
    }
}
