package org.tradeoffs.query.savings;

import java.util.List;
import org.tradeoffs.query.savings.SavingsPipeline.OverdueMilestone;

/**
 * What the cycle document keeps of one opportunity: its summary (the list reads it from there) and
 * its overdue milestones, which is all the pipeline needs to be recomputed without reading the
 * (much larger) detail documents of the cycle's other opportunities.
 */
record CycleEntry(OpportunitySummary opportunity, List<OverdueMilestone> overdueMilestones) {

    static CycleEntry of(OpportunityDetail detail) {
        return new CycleEntry(detail.summary(), SavingsPipeline.overdueMilestones(detail));
    }
}
