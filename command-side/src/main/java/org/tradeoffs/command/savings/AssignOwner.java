package org.tradeoffs.command.savings;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.events.district.Role;

import java.util.Set;

/** @param ownerRoles the roles the future owner holds in the district (empty: not a member) */
public record AssignOwner(@TargetAggregateIdentifier String opportunityId, String cycleId, String owner,
                          Set<Role> ownerRoles, Long expectedVersion, Actor actor) {

    public AssignOwner {
        ownerRoles = Set.copyOf(ownerRoles);
    }
}
