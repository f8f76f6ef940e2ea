package org.tradeoffs.events.savings;

import java.time.LocalDate;

/** Step 5: a milestone of the work plan, due on a date. */
public record MilestoneAdded(String opportunityId, String cycleId, String districtId, String milestoneId, String title,
                             LocalDate dueDate, String actor)
        implements OpportunityEvent {
}
