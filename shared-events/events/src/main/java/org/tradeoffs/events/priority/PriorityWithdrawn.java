package org.tradeoffs.events.priority;

/** The design team or steering committee withdrew an undecided priority, with a reason. */
public record PriorityWithdrawn(String priorityId, String cycleId, String districtId, String reason, String actor)
        implements PriorityEvent {
}
