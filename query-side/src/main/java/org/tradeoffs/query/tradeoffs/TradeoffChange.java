package org.tradeoffs.query.tradeoffs;

/**
 * The view of a frame on {@code /topic/cycles/{cycleId}/tradeoffs}: the package the event is about and the
 * cycle's balance after the change.
 */
public record TradeoffChange(TradeoffView tradeoff, Balance balance) {
}
