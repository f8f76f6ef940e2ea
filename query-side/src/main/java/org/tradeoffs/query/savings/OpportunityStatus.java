package org.tradeoffs.query.savings;

import org.tradeoffs.events.savings.ScreeningDecision;

/** Where an opportunity stands in the screening funnel. */
public enum OpportunityStatus {
    NOT_SCREENED, SCREENED_OUT, SHALLOW_DIVE, DEEP_DIVE;

    static OpportunityStatus of(ScreeningDecision decision) {
        return switch (decision) {
            case SCREENED_OUT -> SCREENED_OUT;
            case SHALLOW_DIVE -> SHALLOW_DIVE;
            case DEEP_DIVE -> DEEP_DIVE;
        };
    }

    /** Shallow or deep dive: the analysis steps (budget lines to captures) are open. */
    public boolean inAnalysis() {
        return this == SHALLOW_DIVE || this == DEEP_DIVE;
    }
}
