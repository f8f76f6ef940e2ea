package org.tradeoffs.events.tradeoff;

/** The draft's content was replaced by a new version before submission. */
public record TradeoffRevised(String tradeoffId, String cycleId, String districtId, int contentVersion,
                              PackageContent content, String actor)
        implements TradeoffEvent {
}
