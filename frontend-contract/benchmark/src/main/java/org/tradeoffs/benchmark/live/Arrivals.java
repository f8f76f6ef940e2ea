package org.tradeoffs.benchmark.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each session got the frame of each position, in one array allocated before a latency phase: a slot of one time
 * per session for every position, given to a position when its first frame arrives. The benchmark shares the
 * product's heap, so it keeps what it records out of the young generation: an array per command (8 KB at 1,000
 * sessions) lived through the phase, and the collector copied every one of them from one young collection to the next,
 * a pause of the product's as much as of the benchmark's.
 */
final class Arrivals {

    private final int sessions;
    private final int positions;
    private final AtomicLongArray times;
    private final Map<Long, Integer> slots = new ConcurrentHashMap<>();
    private final AtomicInteger used = new AtomicInteger();
    /** The slot of the position recorded last: the next frames are mostly of that position, for other sessions. */
    private long lastPosition = Long.MIN_VALUE;
    private int lastSlot;

    /** Room for {@code positions} positions' frames to {@code sessions} sessions. */
    Arrivals(int positions, int sessions) {
        this.sessions = sessions;
        this.positions = positions;
        this.times = new AtomicLongArray(Math.multiplyExact(positions, sessions));
    }

    /**
     * Records that the session got the position's frame at {@code nanos}; positions beyond the room are not kept. Called
     * by one thread only (the sessions' reader), for every frame: a frame costs no map lookup when it is of the same
     * position as the one before, and no fence (the threads that read the times poll for them).
     */
    void record(long position, int session, long nanos) {
        if (position != lastPosition) {
            lastSlot = slots.computeIfAbsent(position, any -> used.getAndIncrement());
            lastPosition = position;
        }
        if (lastSlot < positions) {
            times.lazySet(lastSlot * sessions + session, nanos);
        }
    }

    /** When the session got the position's frame (System.nanoTime), 0 when it has not (yet). */
    long at(long position, int session) {
        Integer slot = slots.get(position);
        return slot == null || slot >= positions ? 0 : times.get(slot * sessions + session);
    }
}
