package org.tradeoffs.query.timeline;

import java.time.Instant;

/**
 * One event on a cycle's timeline.
 *
 * @param type simple class name of the event, e.g. {@code PriorityProposed}
 * @param summary one human-readable line
 * @param itemId the priority's, opportunity's, stakeholder input's or tradeoff package's id, or the cycle's id
 *               for cycle events
 */
public record TimelineEntry(
        long position, Instant time, String actor, String type, String summary, String itemId, ItemKind itemKind) {

    public enum ItemKind { CYCLE, PRIORITY, OPPORTUNITY, INPUT, TRADEOFF }
}
