package org.tradeoffs.events.priority;

/** The steering committee approved the priority, with its rationale. */
public record PriorityApproved(String priorityId, String cycleId, String districtId, String rationale, String actor)
        implements PriorityEvent {
}
