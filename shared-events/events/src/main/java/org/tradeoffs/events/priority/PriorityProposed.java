package org.tradeoffs.events.priority;

import org.tradeoffs.events.EventVersion;

/**
 * A design-team or steering-committee member proposed an instructional priority for the cycle.
 * Version 2: its details carry the {@link CostSplit} (version 1 had one estimated annual cost).
 */
@EventVersion(2)
public record PriorityProposed(
        String priorityId, String cycleId, String districtId, PriorityDetails details, String actor)
        implements PriorityEvent {
}
