package org.tradeoffs.events.savings;

/** Where screening puts an opportunity in the funnel. */
public enum ScreeningDecision {
    SCREENED_OUT,
    SHALLOW_DIVE,
    DEEP_DIVE
}
