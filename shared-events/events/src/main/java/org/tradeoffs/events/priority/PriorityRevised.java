package org.tradeoffs.events.priority;

/** The priority's details were replaced by a revision (all fields restated) before it was decided. */
public record PriorityRevised(
        String priorityId, String cycleId, String districtId, PriorityDetails details, String actor)
        implements PriorityEvent {
}
