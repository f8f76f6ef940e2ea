package org.tradeoffs.events.savings;

/**
 * The opportunity was screened out, or into a shallow or deep dive, with a reason. A later
 * screening of the same opportunity revisits the earlier one (both stay in the history).
 */
public record OpportunityScreened(String opportunityId, String cycleId, String districtId, ScreeningDecision decision,
                                  String reason, String actor)
        implements OpportunityEvent {
}
