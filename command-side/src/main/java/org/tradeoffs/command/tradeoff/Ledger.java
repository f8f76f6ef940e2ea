package org.tradeoffs.command.tradeoff;

import org.tradeoffs.command.savings.Funds;

import java.math.BigDecimal;

/**
 * The priorities and savings opportunities of a package's cycle as they are now, loaded into and changed in
 * the unit of work of the command that submits or decides the package, so a decision and the funding it
 * commits are stored in one commit, or not at all.
 */
public interface Ledger {

    /** Whether the priority is an approved priority of the package's cycle now. */
    boolean isApproved(String priorityId);

    /** What the opportunity can still fund now. */
    Funds fundsOf(String opportunityId);

    /** Commits the amount on the opportunity for the package; refused as {@link Funds#require} refuses. */
    void commit(String opportunityId, BigDecimal amount);
}
