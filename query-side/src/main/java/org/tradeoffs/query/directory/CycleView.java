package org.tradeoffs.query.directory;

import java.time.Instant;

/** A planning cycle; {@code position} is the global position of the event that opened it. */
public record CycleView(String id, String districtId, String name, String openedBy, Instant openedAt, long position) {
}
