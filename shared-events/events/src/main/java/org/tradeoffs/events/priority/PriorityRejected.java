package org.tradeoffs.events.priority;

/** The steering committee rejected the priority, with its rationale. */
public record PriorityRejected(String priorityId, String cycleId, String districtId, String rationale, String actor)
        implements PriorityEvent {
}
