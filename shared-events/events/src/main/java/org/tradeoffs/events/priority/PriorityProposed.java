package org.tradeoffs.events.priority;

/** A design-team or steering-committee member proposed an instructional priority for the cycle. */
public record PriorityProposed(
        String priorityId, String cycleId, String districtId, PriorityDetails details, String actor)
        implements PriorityEvent {
}
