package org.tradeoffs.events.savings;

/**
 * An opportunity became available in a cycle, not yet screened: one of the 31 catalog entries when
 * the cycle opened ({@code number} 1-31, {@code catalog} true, actor the steering member who opened
 * it), or the district's own, added by the design team, steering committee or an ROI analyst
 * ({@code number} 32 and up, {@code catalog} false).
 */
public record OpportunityListed(String opportunityId, String cycleId, String districtId, int number,
                                FocusArea focusArea, String question, boolean catalog, String actor)
        implements OpportunityEvent {
}
