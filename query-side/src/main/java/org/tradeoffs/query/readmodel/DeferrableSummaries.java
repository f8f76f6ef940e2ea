package org.tradeoffs.query.readmodel;

/**
 * A projection whose views include per-cycle summaries computed from the whole cycle (the savings pipeline, the
 * inputs' digest). Kept current after every event, as live subscribers need them, they cost in proportion to the
 * size of the cycle on every event. A replay announces nothing and is read only once it ended, so {@link EventReplay}
 * defers them: meanwhile the projection keeps each summary as it was, with only its position current, and on
 * completion computes the summary of every cycle it touched, once.
 */
public interface DeferrableSummaries {

    /** From now on, leave the summaries stale until {@link #completeSummaries()}. */
    void deferSummaries();

    /** Computes the summary of every cycle touched since {@link #deferSummaries()}, and stops deferring. */
    void completeSummaries();
}
