package org.tradeoffs.query.timeline;

import java.util.List;

/** Entries after a position, ascending; {@code hasMore} when the limit cut the page short. */
public record TimelinePage(String cycleId, List<TimelineEntry> entries, boolean hasMore) {
}
