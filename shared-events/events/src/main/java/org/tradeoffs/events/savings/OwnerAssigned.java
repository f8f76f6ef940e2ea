package org.tradeoffs.events.savings;

/** Step 5: a district member became the owner who carries the opportunity's work plan. */
public record OwnerAssigned(String opportunityId, String cycleId, String districtId, String owner, String actor)
        implements OpportunityEvent {
}
