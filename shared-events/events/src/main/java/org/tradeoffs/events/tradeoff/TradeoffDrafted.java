package org.tradeoffs.events.tradeoff;

/** The design team or steering committee drafted a tradeoff package (version 1 of its content). */
public record TradeoffDrafted(String tradeoffId, String cycleId, String districtId, PackageContent content,
                              String actor)
        implements TradeoffEvent {
}
