package org.tradeoffs.query.live;

/**
 * The body of every STOMP message pushed to a cycle topic.
 *
 * @param position global position of the event that caused the change
 * @param type simple class name of that event, e.g. {@code PriorityProposed}
 * @param view the changed view (a {@code PriorityView}, a {@code TimelineEntry}, a {@code SavingsChange}, a
 *             {@code TradeoffChange} or an {@code InputChange})
 */
public record LiveFrame<V>(long position, String type, String cycleId, V view) {
}
