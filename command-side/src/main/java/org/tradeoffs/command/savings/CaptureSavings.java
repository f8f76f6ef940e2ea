package org.tradeoffs.command.savings;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;

import java.math.BigDecimal;
import java.time.LocalDate;

public record CaptureSavings(@TargetAggregateIdentifier String opportunityId, String cycleId, String captureId,
                             BigDecimal amount, LocalDate capturedOn, String note, Long expectedVersion,
                             Actor actor) {
}
