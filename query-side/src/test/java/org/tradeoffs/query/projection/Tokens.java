package org.tradeoffs.query.projection;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;

public final class Tokens {

    private Tokens() {
    }

    /** The tracking token an event at this global position arrives with. */
    public static TrackingToken at(long position) {
        return new GlobalSequenceTrackingToken(position);
    }
}
