package org.tradeoffs.query.savings;

import org.tradeoffs.events.savings.FocusArea;
import org.tradeoffs.query.projection.Amounts;

/**
 * One opportunity of a cycle as the list shows it.
 *
 * @param low the current sizing's conservative annual savings, or null before any sizing
 * @param high the current sizing's ambitious annual savings, or null before any sizing
 * @param ease the current sizing's ease of implementation (1 hard to 5 easy), or null
 * @param capturedToDate the sum of all captures, {@code "0.00"} before the first
 * @param committed the sum of what approved tradeoff packages committed of its savings, {@code "0.00"} before any
 * @param version the opportunity aggregate's version (number of its events so far)
 * @param position global position of the opportunity's last event
 */
public record OpportunitySummary(
        String id,
        String cycleId,
        int number,
        FocusArea focusArea,
        String focusAreaTitle,
        String question,
        boolean catalog,
        OpportunityStatus status,
        String low,
        String high,
        Integer ease,
        String owner,
        String capturedToDate,
        String committed,
        long version,
        long position) {

    /** Summaries stored before funding could be committed read as nothing committed. */
    public OpportunitySummary {
        committed = committed == null ? Amounts.ZERO : committed;
    }
}
