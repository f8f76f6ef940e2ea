package org.tradeoffs.command.district;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;

public record RegisterDistrict(@TargetAggregateIdentifier String districtId, String name, int enrollment, Actor actor) {
}
