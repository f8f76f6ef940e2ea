package org.tradeoffs.events.savings;

import java.time.LocalDate;

/**
 * Step 3: something that limits a change, a district preference or a rigid restriction.
 *
 * @param renegotiationDate for contracts, the day the contract opens for renegotiation, else null
 */
public record ConstraintRecorded(String opportunityId, String cycleId, String districtId, String constraintId,
                                 ConstraintKind kind, boolean rigid, String description, LocalDate renegotiationDate,
                                 String actor)
        implements OpportunityEvent {
}
