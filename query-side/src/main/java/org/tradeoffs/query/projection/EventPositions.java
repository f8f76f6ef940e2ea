package org.tradeoffs.query.projection;

import org.axonframework.eventhandling.TrackingToken;

/** The global position of the event being handled, as the event store's tracking token reports it. */
public final class EventPositions {

    private EventPositions() {
    }

    public static long of(TrackingToken token) {
        return token.position().orElseThrow(
                () -> new IllegalStateException("tracking token without a position: " + token));
    }
}
