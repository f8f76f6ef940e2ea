package org.tradeoffs.command.district;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;
import org.tradeoffs.events.district.Role;

public record RevokeMemberRole(@TargetAggregateIdentifier String districtId, String username, Role role, Actor actor) {
}
