package org.tradeoffs.eventstore;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces the starts of something done again and again: {@link #pace()} returns once at least the interval has passed
 * since the previous call returned. For one thread.
 */
final class Pacer {

    /** Waits that long; a seam for tests. */
    interface Pause {
        void pause(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Pause pause;
    private long last;
    private boolean started;

    Pacer(Duration interval, LongSupplier nanoClock, Pause pause) {
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
        this.pause = pause;
    }

    /** Waits out the rest of the interval since the last call; interrupted, it returns at once with the flag set. */
    void pace() {
        long wait = started ? intervalNanos - (nanoClock.getAsLong() - last) : 0;
        if (wait > 0) {
            try {
                pause.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        started = true;
        last = nanoClock.getAsLong();
    }
}
