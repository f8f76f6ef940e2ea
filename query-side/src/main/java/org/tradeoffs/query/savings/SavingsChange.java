package org.tradeoffs.query.savings;

/**
 * The view of a frame on {@code /topic/cycles/{cycleId}/savings}: the changed opportunity and the
 * cycle's pipeline after the change.
 */
public record SavingsChange(OpportunityDetail opportunity, SavingsPipeline pipeline) {
}
