package org.tradeoffs.events.priority;

/**
 * What a priority proposes: the part a proposal and each revision state in full.
 *
 * <p>Version 2 of the stored shape: version 1 had a single {@code estimatedAnnualCost} (exact USD per
 * year) where version 2 has the {@link CostSplit}; an upcaster reads a version 1 amount as wholly
 * unallocated.
 *
 * @param cost what it costs per year, split by what the money pays for; its {@link CostSplit#total()} is the
 *             priority's annual cost
 * @param lcapGoal optional reference to the LCAP goal it serves, may be null
 */
public record PriorityDetails(
        String title,
        String description,
        String theoryOfAction,
        Fundability fundability,
        CostSplit cost,
        String lcapGoal) {
}
