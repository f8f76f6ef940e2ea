package org.tradeoffs.command.savings;

import org.tradeoffs.command.common.ConflictingState;

import java.math.BigDecimal;

/**
 * What an opportunity can still fund: the high end of its current sizing minus what approved tradeoff
 * packages committed from it so far.
 *
 * @param high the high estimate of the current sizing; null when the opportunity was never sized
 * @param screenedOut whether the opportunity is screened out now
 */
public record Funds(String opportunityId, int number, BigDecimal high, BigDecimal committed, boolean screenedOut) {

    /**
     * Refuses the amount from a screened-out opportunity (opportunity-screened-out), without a sizing
     * (opportunity-not-sized) or when too little is left (over-committed).
     */
    public void require(BigDecimal amount) {
        if (screenedOut) {
            throw new ConflictingState("opportunity-screened-out", "Opportunity #" + number
                    + " is screened out; screen it in again before a package takes money from it");
        }
        if (high == null) {
            throw new ConflictingState("opportunity-not-sized",
                    "Opportunity #" + number + " has no sizing yet; size it before a package takes money from it");
        }
        if (amount.compareTo(high.subtract(committed)) > 0) {
            throw new OverCommitted(opportunityId, number, high, committed, amount);
        }
    }
}
