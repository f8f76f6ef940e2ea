package org.tradeoffs.events.savings;

import java.math.BigDecimal;

/**
 * An approved tradeoff package committed part of the opportunity's savings to fund priorities.
 * Recorded in the same commit as the package's decision; never more than the current high estimate
 * minus what was committed before.
 */
public record FundingCommitted(String opportunityId, String cycleId, String districtId, String tradeoffId,
                               BigDecimal amount, String actor)
        implements OpportunityEvent {
}
