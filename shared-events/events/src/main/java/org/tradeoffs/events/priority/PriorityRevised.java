package org.tradeoffs.events.priority;

import org.tradeoffs.events.EventVersion;

/**
 * The priority's details were replaced by a revision (all fields restated) before it was decided.
 * Version 2: its details carry the {@link CostSplit} (version 1 had one estimated annual cost).
 */
@EventVersion(2)
public record PriorityRevised(
        String priorityId, String cycleId, String districtId, PriorityDetails details, String actor)
        implements PriorityEvent {
}
