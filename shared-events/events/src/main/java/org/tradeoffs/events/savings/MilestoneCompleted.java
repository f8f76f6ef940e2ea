package org.tradeoffs.events.savings;

/** Step 5: a milestone of the work plan was marked done. */
public record MilestoneCompleted(String opportunityId, String cycleId, String districtId, String milestoneId,
                                 String actor)
        implements OpportunityEvent {
}
