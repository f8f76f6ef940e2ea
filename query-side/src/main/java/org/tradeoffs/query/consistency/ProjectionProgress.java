package org.tradeoffs.query.consistency;

/** How far the read models have come through the event store's global order. */
public interface ProjectionProgress {

    /** Whether every read model has processed the event stored at this global position. */
    boolean hasProcessed(long position);
}
