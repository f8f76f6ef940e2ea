package org.tradeoffs.events.savings;

import java.time.LocalDate;

/** The follow-up scheduler saw a contract constraint's renegotiation date arrive (actor {@code system}). */
public record RenegotiationWindowOpened(String opportunityId, String cycleId, String districtId, String constraintId,
                                        LocalDate renegotiationDate, String actor)
        implements OpportunityEvent {
}
