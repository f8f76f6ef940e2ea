package org.tradeoffs.events.priority;

import org.tradeoffs.events.CycleScoped;

/** Facts about one instructional priority of a planning cycle. */
public sealed interface PriorityEvent extends CycleScoped
        permits PriorityProposed, PriorityRevised, PriorityWithdrawn, PriorityApproved, PriorityRejected,
        PriorityReopened {
    String priorityId();
}
