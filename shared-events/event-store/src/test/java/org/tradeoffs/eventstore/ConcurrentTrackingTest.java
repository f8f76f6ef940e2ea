package org.tradeoffs.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tradeoffs.eventstore.TestStore.deposited;

class ConcurrentTrackingTest {

    private static final int WRITERS = 2;
    private static final int EVENTS_PER_WRITER = 2_000;
    private static final int SHARED_EVERY = 20;          // every 20th step both writers race for the shared aggregate
    private static final String SHARED = "shared";

    private final TestStore store = new TestStore();
    private final ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);

    @AfterEach
    void close() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        store.close();
    }

    @Test
    void trackingNeverSkipsOrReordersEventsWhenTwoWritersAppendConcurrently() throws Exception {
        // No writer dies in this test, so every hole is transient; the generous timeout means the reader
        // only ever waits for holes and never gives up on one (which would burn it: the append would fail).
        OrderedMongoEventStorageEngine engine = store.engineBuilder(50).holeTimeout(Duration.ofMinutes(1)).build();
        engine.ensureIndexes();

        Set<String> stored = ConcurrentHashMap.newKeySet();
        Set<String> rejected = ConcurrentHashMap.newKeySet();
        AtomicInteger conflicts = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String own = "writer-" + w;
            writers.add(threads.submit(() -> {
                start.await();
                for (int i = 0; i < EVENTS_PER_WRITER; i++) {
                    DomainEventMessage<Deposited> event = deposited(own, i);
                    engine.appendEvents(List.of(event));
                    stored.add(event.getIdentifier());
                    if (i % SHARED_EVERY == 0) {
                        // both writers claim the same three sequence numbers of the shared aggregate; one must lose
                        long first = 3L * (i / SHARED_EVERY);
                        List<DomainEventMessage<Deposited>> claim =
                                List.of(deposited(SHARED, first), deposited(SHARED, first + 1), deposited(SHARED, first + 2));
                        try {
                            engine.appendEvents(claim);
                            claim.forEach(e -> stored.add(e.getIdentifier()));
                        } catch (ConcurrencyException | AggregateStreamCreationException e) {
                            conflicts.incrementAndGet();
                            claim.forEach(c -> rejected.add(c.getIdentifier()));
                        }
                    }
                }
                return null;
            }));
        }

        List<TrackedEventMessage<?>> received = new CopyOnWriteArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Future<?> reader = threads.submit(() -> {
            TrackingToken last = null;
            while (reading.get()) {           // a tracking processor's loop: read on from the last token
                for (TrackedEventMessage<?> message : engine.readEvents(last, false).toList()) {
                    received.add(message);
                    last = message.trackingToken();
                }
            }
            return null;
        });

        start.countDown();
        for (Future<?> writer : writers) {
            writer.get(2, TimeUnit.MINUTES);
        }
        assertThat(received).as("the reader followed the writers, not only read after them").isNotEmpty();
        int sharedClaims = EVENTS_PER_WRITER / SHARED_EVERY;
        assertThat(conflicts).hasValue(sharedClaims);           // exactly one of the two racing claims wins each time
        assertThat(stored).hasSize(WRITERS * EVENTS_PER_WRITER + 3 * sharedClaims);

        await().atMost(Duration.ofMinutes(1)).until(() -> received.size() >= stored.size());
        reading.set(false);
        reader.get(1, TimeUnit.MINUTES);

        List<String> ids = received.stream().map(EventMessage::getIdentifier).toList();
        assertThat(ids).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored)
                .doesNotContainAnyElementsOf(rejected);
        List<Long> positions = received.stream().map(TestStore::positionOf).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        Map<String, Long> lastSequence = new HashMap<>();
        for (TrackedEventMessage<?> message : received) {
            long expected = lastSequence.merge(TestStore.aggregateOf(message), 0L, (previous, zero) -> previous + 1);
            assertThat(TestStore.sequenceOf(message)).as("sequence of %s", TestStore.aggregateOf(message)).isEqualTo(expected);
        }
        assertThat(new HashSet<>(lastSequence.keySet())).containsExactlyInAnyOrder("writer-0", "writer-1", SHARED);
        assertThat(lastSequence.get(SHARED)).isEqualTo(3L * sharedClaims - 1);
    }

    @Test
    void concurrentAppendsEachGetTheirOwnPositions() throws Exception {
        OrderedMongoEventStorageEngine engine = store.engine(100);
        int writers = 3;
        int commitsPerWriter = 400;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String own = "writer-" + w;
            int size = w + 1;                                   // commits of 1, 2 and 3 events
            running.add(threads.submit(() -> {
                start.await();
                for (int commit = 0; commit < commitsPerWriter; commit++) {
                    long first = (long) commit * size;
                    engine.appendEvents(LongStream.range(first, first + size).mapToObj(s -> deposited(own, s)).toList());
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> writer : running) {
            writer.get(2, TimeUnit.MINUTES);                    // a position handed out twice fails an append here
        }

        int total = commitsPerWriter * (1 + 2 + 3);
        assertThat(engine.headPosition()).isEqualTo(total);
        assertThat(TestStore.readFrom(engine, null)).extracting(TestStore::positionOf)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    }

    @Test
    void eightWritersRacingForEachSequenceNumberLetExactlyOneWinAndLeaveNoHoles() throws Exception {
        // A frozen clock: a reader never gives up on a missing position, so a position left unstored (neither an
        // event nor burned) would stop the read below. Racing writers' appends are stored together (JoinedWrites):
        // in one insert, the losers fail on their own and their positions are burned.
        OrderedMongoEventStorageEngine engine = store.engineBuilder(1_000).nanoClock(() -> 0L).build();
        engine.ensureIndexes();
        int racers = 8;
        int sequences = 60;
        ExecutorService racing = Executors.newFixedThreadPool(racers);
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger losses = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        try {
            for (int r = 0; r < racers; r++) {
                running.add(racing.submit(() -> {
                    start.await();
                    for (long sequence = 0; sequence < sequences; sequence++) {
                        try {
                            engine.appendEvents(List.of(deposited(SHARED, sequence)));
                            wins.incrementAndGet();
                        } catch (ConcurrencyException | AggregateStreamCreationException lost) {
                            losses.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> racer : running) {
                racer.get(2, TimeUnit.MINUTES);
            }
        } finally {
            racing.shutdownNow();
        }

        assertThat(wins.get()).isEqualTo(sequences);
        assertThat(losses.get()).isEqualTo(racers * sequences - sequences);
        assertThat(engine.readEvents(SHARED).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactlyElementsOf(LongStream.range(0, sequences).boxed().toList());
        assertThat(engine.headPosition()).isEqualTo((long) racers * sequences);
        List<TrackedEventMessage<?>> read = TestStore.readFrom(engine, null);
        assertThat(read).extracting(TestStore::sequenceOf)
                .containsExactlyElementsOf(LongStream.range(0, sequences).boxed().toList());
        assertThat(read).extracting(TestStore::positionOf).isSorted().doesNotHaveDuplicates();
    }
}
