package org.tradeoffs.query.readmodel;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as the projections' processors read it, with larger batches under load. A processor handles in one
 * batch the events that are there when it starts one, and every batch costs the same few store requests besides its
 * events' own writes (its tracking token, its read-ahead, one write per collection): under a steady stream of commands
 * the batches stay small and those requests add up. So after a batch of at least {@code busyBatch} events that did not
 * fill the processor's batch (events keep coming, but there is no backlog), the next batch starts only {@code linger}
 * later, with what arrived meanwhile. Under light load batches are smaller than that and start at once, so a single
 * change reaches the views and the live feed as fast as before; a backlog (full batches: a replay, a rebuild, a
 * processor catching up) is never held back.
 */
public final class LingeringEvents implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** Waits that long; a seam for tests. */
    interface Pause {
        void pause(long nanos) throws InterruptedException;
    }

    private final StreamableMessageSource<TrackedEventMessage<?>> events;
    private final long lingerNanos;
    private final int busyBatch;
    private final int fullBatch;
    private final Pause pause;

    /**
     * @param linger    how long a processor waits before the batch after a busy one; zero never waits
     * @param busyBatch the fewest events taken in one batch that count as busy
     * @param fullBatch the processors' batch size: a batch that took that many events had more waiting
     */
    public LingeringEvents(StreamableMessageSource<TrackedEventMessage<?>> events, Duration linger, int busyBatch,
                           int fullBatch) {
        this(events, linger, busyBatch, fullBatch, nanos -> TimeUnit.NANOSECONDS.sleep(nanos));
    }

    LingeringEvents(StreamableMessageSource<TrackedEventMessage<?>> events, Duration linger, int busyBatch,
                    int fullBatch, Pause pause) {
        if (linger.isNegative() || busyBatch < 1 || fullBatch < 1) {
            throw new IllegalArgumentException("linger must not be negative and batch sizes must be positive");
        }
        this.events = events;
        this.lingerNanos = linger.toNanos();
        this.busyBatch = busyBatch;
        this.fullBatch = fullBatch;
        this.pause = pause;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        BlockingStream<TrackedEventMessage<?>> stream = events.openStream(trackingToken);
        return lingerNanos == 0 ? stream : new LingeringStream(stream);
    }

    @Override
    public TrackingToken createTailToken() {
        return events.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return events.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return events.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return events.createTokenSince(duration);
    }

    /**
     * A processor's stream. Axon's tracking processor starts every batch by waiting for an event with a timeout and
     * then takes, without waiting, those already there: the events taken between two such waits are one batch.
     */
    private final class LingeringStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        /** Events taken since the last wait with a timeout, the batch in progress; only the processor's thread. */
        private int taken;

        LingeringStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (taken >= busyBatch && taken < fullBatch) {
                pause.pause(Math.min(lingerNanos, unit.toNanos(timeout)));
            }
            taken = 0;
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> next = stream.nextAvailable();
            taken++;
            return next;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            stream.close();
        }
    }
}
