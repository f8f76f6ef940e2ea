package org.tradeoffs.query.live;

/** Where projections announce a stored change to the subscribers of a cycle. */
public interface LiveUpdates {

    void send(CycleTopic topic, LiveFrame<?> frame);
}
