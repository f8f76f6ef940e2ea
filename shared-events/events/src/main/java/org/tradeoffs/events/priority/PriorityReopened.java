package org.tradeoffs.events.priority;

/** The steering committee reopened a decided priority for revision, with a reason. */
public record PriorityReopened(String priorityId, String cycleId, String districtId, String reason, String actor)
        implements PriorityEvent {
}
