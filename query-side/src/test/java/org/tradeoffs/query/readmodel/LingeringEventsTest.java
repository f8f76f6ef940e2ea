package org.tradeoffs.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

/**
 * Batches read through {@link LingeringEvents} the way Axon's tracking processor reads them (a wait with a timeout,
 * then the events already there): the batch after a busy one starts later, with what arrived meanwhile; after a small
 * batch or a full one (a backlog) the next starts at once.
 */
class LingeringEventsTest {

    private static final Duration LINGER = Duration.ofMillis(25);
    private static final int BUSY = 16;
    private static final int FULL = 100;

    private final Deque<TrackedEventMessage<?>> stored = new ArrayDeque<>();
    private final List<Long> pauses = new ArrayList<>();
    private long position;
    private int arrivingWhilePaused = 40;

    @Test
    void underLightLoadEveryBatchStartsAtOnce() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = lingering(LINGER).openStream(null);
        for (int batch = 0; batch < 5; batch++) {
            store(BUSY - 1);
            assertThat(takeBatch(stream)).isEqualTo(BUSY - 1);
        }
        assertThat(pauses).isEmpty();
    }

    @Test
    void theBatchAfterABusyOneStartsTheLingerLaterWithWhatArrivedMeanwhile() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = lingering(LINGER).openStream(null);
        store(BUSY);
        assertThat(takeBatch(stream)).isEqualTo(BUSY);
        assertThat(pauses).isEmpty();

        store(3);
        assertThat(takeBatch(stream)).isEqualTo(3 + 40);
        assertThat(pauses).containsExactly(LINGER.toNanos());

        arrivingWhilePaused = 0;
        store(2);
        assertThat(takeBatch(stream)).isEqualTo(2);
        assertThat(pauses).as("the batch before was busy too").hasSize(2);
        store(1);
        assertThat(takeBatch(stream)).isEqualTo(1);
        assertThat(pauses).as("the batch before was not busy").hasSize(2);
    }

    @Test
    void aBacklogIsNeverHeldBack() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = lingering(LINGER).openStream(null);
        store(FULL * 3 + 20);
        for (int batch = 0; batch < 3; batch++) {
            assertThat(takeBatch(stream)).isEqualTo(FULL);
        }
        assertThat(pauses).isEmpty();
        assertThat(takeBatch(stream)).isEqualTo(20);
        assertThat(pauses).isEmpty();
    }

    @Test
    void theWaitIsNeverLongerThanTheProcessorsOwnTimeout() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = lingering(Duration.ofSeconds(5)).openStream(null);
        store(BUSY);
        takeBatch(stream);
        stream.hasNextAvailable(1, TimeUnit.SECONDS);
        assertThat(pauses).containsExactly(TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void noLingerReadsTheStoreAsItIs() {
        BlockingStream<TrackedEventMessage<?>> plain = new ListStream();
        StreamableMessageSource<TrackedEventMessage<?>> store = token -> plain;
        assertThat(new LingeringEvents(store, Duration.ZERO, BUSY, FULL).openStream(null)).isSameAs(plain);
    }

    private LingeringEvents lingering(Duration linger) {
        ListStream stream = new ListStream();
        return new LingeringEvents(token -> stream, linger, BUSY, FULL, nanos -> {
            pauses.add(nanos);
            store(arrivingWhilePaused);
        });
    }

    /** What Axon's tracking processor does for one batch: a wait with a timeout, then up to FULL events. */
    private static int takeBatch(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        int taken = 0;
        if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
            stream.nextAvailable();
            taken++;
            while (taken < FULL && stream.peek().isPresent()) {
                stream.nextAvailable();
                taken++;
            }
        }
        return taken;
    }

    private void store(int events) {
        for (int i = 0; i < events; i++) {
            TrackingToken token = new GlobalSequenceTrackingToken(++position);
            stored.add(new GenericTrackedEventMessage<>(token, GenericEventMessage.asEventMessage("event " + position)));
        }
    }

    private final class ListStream implements BlockingStream<TrackedEventMessage<?>> {

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(stored.peek());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            return !stored.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return stored.remove();
        }

        @Override
        public void close() {
        }
    }
}
