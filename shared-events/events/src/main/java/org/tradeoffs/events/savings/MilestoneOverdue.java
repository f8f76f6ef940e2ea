package org.tradeoffs.events.savings;

import java.time.LocalDate;

/** The follow-up scheduler found a milestone past its due date and not done (actor {@code system}). */
public record MilestoneOverdue(String opportunityId, String cycleId, String districtId, String milestoneId,
                               LocalDate dueDate, String actor)
        implements OpportunityEvent {
}
