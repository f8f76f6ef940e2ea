package org.tradeoffs.command.savings;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.tradeoffs.command.common.Actor;

import java.math.BigDecimal;

/**
 * Commits part of the opportunity's savings to an approved tradeoff package. Only the tradeoff handler
 * sends it, to the opportunity it loaded in the unit of work that approves the package, so the decision
 * and its funding are stored in one commit.
 */
public record CommitFunding(@TargetAggregateIdentifier String opportunityId, String cycleId, String tradeoffId,
                            BigDecimal amount, Actor actor) {
}
