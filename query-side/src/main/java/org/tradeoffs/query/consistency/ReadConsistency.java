package org.tradeoffs.query.consistency;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Waits, boundedly, until the read models have processed a global position. It polls
 * {@link ProjectionProgress} (a few map reads), first after 1 ms, then doubling up to the poll
 * interval, so a read right after its write usually answers within a few milliseconds and a waiting
 * request costs next to nothing while it waits.
 */
public final class ReadConsistency {

    /** How the waiting pauses; tests pass one that advances a fake clock. */
    @FunctionalInterface
    public interface Pause {
        void pause(long nanos) throws InterruptedException;
    }

    private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(1).toNanos();

    private final ProjectionProgress progress;
    private final long maxWaitNanos;
    private final long pollIntervalNanos;
    private final LongSupplier nanoTime;
    private final Pause pause;

    public ReadConsistency(ProjectionProgress progress, Duration maxWait, Duration pollInterval,
            LongSupplier nanoTime, Pause pause) {
        if (maxWait.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("max-wait must be >= 0 and poll-interval > 0");
        }
        this.progress = progress;
        this.maxWaitNanos = maxWait.toNanos();
        this.pollIntervalNanos = pollInterval.toNanos();
        this.nanoTime = nanoTime;
        this.pause = pause;
    }

    public static ReadConsistency of(ProjectionProgress progress, Duration maxWait, Duration pollInterval) {
        return new ReadConsistency(progress, maxWait, pollInterval, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
    }

    /** The same bounded wait, for another progress. */
    public ReadConsistency on(ProjectionProgress other) {
        return new ReadConsistency(other, Duration.ofNanos(maxWaitNanos), Duration.ofNanos(pollIntervalNanos), nanoTime,
                pause);
    }

    /**
     * True as soon as the progress has reached the position; false when it has not within the
     * maximum wait (or the waiting thread was interrupted, whose flag is then kept set).
     */
    public boolean awaitProcessed(long position) {
        if (progress.hasProcessed(position)) {
            return true;
        }
        long deadline = nanoTime.getAsLong() + maxWaitNanos;
        long next = Math.min(FIRST_PAUSE_NANOS, pollIntervalNanos);
        while (true) {
            long left = deadline - nanoTime.getAsLong();
            if (left <= 0) {
                return false;
            }
            try {
                pause.pause(Math.min(next, left));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (progress.hasProcessed(position)) {
                return true;
            }
            next = Math.min(next * 2, pollIntervalNanos);
        }
    }
}
