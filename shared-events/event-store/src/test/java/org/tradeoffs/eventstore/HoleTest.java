package org.tradeoffs.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.tradeoffs.eventstore.TestStore.deposited;
import static org.tradeoffs.eventstore.TestStore.readFrom;

/**
 * A writer that allocated positions and died before inserting its commit leaves a hole. These tests
 * make that writer by hand: they bump the position counter and, for the late case, insert the commit
 * document themselves, in the layout the engine writes.
 */
class HoleTest {

    private static final Duration HOLE_TIMEOUT = Duration.ofSeconds(5);

    private final TestStore store = new TestStore();
    private final AtomicLong clock = new AtomicLong(1_000);
    private OrderedMongoEventStorageEngine engine;

    @BeforeEach
    void createEngine() {
        engine = store.engineBuilder(100).holeTimeout(HOLE_TIMEOUT).nanoClock(clock::get).build();
        engine.ensureIndexes();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Positions 2 and 3 are handed out to a writer that never inserts; the engine then stores position 4. */
    private void eventBeforeAndAfterAHoleOfTwoPositions() {
        engine.appendEvents(List.of(deposited("a", 0)));
        store.database.getCollection("counters").updateOne(Filters.eq("_id", "events"), Updates.inc("position", 2L));
        engine.appendEvents(List.of(deposited("b", 0)));
    }

    @Test
    void aContiguousReadEndsBeforeAHole() {
        eventBeforeAndAfterAHoleOfTwoPositions();

        assertThat(engine.readContiguous(0, 4).map(TestStore::positionOf).toList()).containsExactly(1L);
        assertThat(engine.readContiguous(3, 4).map(TestStore::positionOf).toList()).containsExactly(4L);
    }

    @Test
    void aReaderStopsBeforeAHoleUntilTheHoleTimeoutHasPassed() {
        eventBeforeAndAfterAHoleOfTwoPositions();

        List<TrackedEventMessage<?>> beforeHole = readFrom(engine, null);
        clock.addAndGet(HOLE_TIMEOUT.toNanos() - 1);
        List<TrackedEventMessage<?>> justBeforeTimeout = readFrom(engine, beforeHole.get(0).trackingToken());
        clock.addAndGet(1);
        List<TrackedEventMessage<?>> afterTimeout = readFrom(engine, beforeHole.get(0).trackingToken());

        assertThat(beforeHole).extracting(TestStore::aggregateOf).containsExactly("a");
        assertThat(justBeforeTimeout).isEmpty();
        assertThat(afterTimeout).extracting(TestStore::aggregateOf).containsExactly("b");
        assertThat(afterTimeout.get(0).trackingToken()).isEqualTo(GapAwareTrackingToken.newInstance(4, List.of()));
    }

    /**
     * Past the hole timeout the reader burns the hole's positions before it moves on: the commit a slow writer still
     * had on its way there is refused, so its append fails (its caller gets the error) instead of being stored
     * behind a position readers have passed, where a processor would never see it or see it out of order.
     */
    @Test
    void aCommitOnItsWayToAHoleAfterTheTimeoutIsRefusedAndEveryReaderPassesTheHoleAtOnce() {
        eventBeforeAndAfterAHoleOfTwoPositions();
        readFrom(engine, null);                                   // the reader first sees the hole
        clock.addAndGet(HOLE_TIMEOUT.toNanos());
        List<TrackedEventMessage<?>> firstPass = readFrom(engine, null);
        assertThat(firstPass).extracting(TestStore::aggregateOf).containsExactly("a", "b");

        assertThatThrownBy(() -> insertLateCommit(2,
                List.of(new Deposited("late", BigDecimal.ONE), new Deposited("late", BigDecimal.TEN))))
                .isInstanceOfSatisfying(MongoWriteException.class,
                        e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));

        assertThat(readFrom(engine, firstPass.get(1).trackingToken())).isEmpty();
        assertThat(engine.readEvents("late").asStream()).isEmpty();
        // a reader that never saw the hole (another process, a replay) does not wait for it either
        OrderedMongoEventStorageEngine fresh = store.engineBuilder(100).holeTimeout(HOLE_TIMEOUT)
                .nanoClock(() -> 0L).build();
        assertThat(readFrom(fresh, null)).extracting(TestStore::positionOf).containsExactly(1L, 4L);
        assertThat(fresh.readContiguous(0, 4).map(TestStore::positionOf).toList()).containsExactly(1L, 4L);
    }

    /**
     * The writer's side of it: an append whose positions a reader burned (its insert came after the hole timeout)
     * fails as too late (the command side answers 503, send it again) and stores nothing.
     */
    @Test
    void anAppendWhosePositionsAReaderBurnedFailsAndStoresNothing() {
        engine.appendEvents(List.of(deposited("a", 0)));
        // a reader burned position 2, which the counter hands out next: as if this append's insert came that late
        store.database.getCollection("events").insertOne(OrderedMongoEventStorageEngine.burnMarker(2, 2,
                OrderedMongoEventStorageEngine.timeKey(Instant.now())));

        assertThatThrownBy(() -> engine.appendEvents(List.of(deposited("slow", 0))))
                .isInstanceOf(AppendTooLate.class);

        assertThat(engine.readEvents("slow").asStream()).isEmpty();
        engine.appendEvents(List.of(deposited("slow", 0)));       // a retry is stored, after the burned position
        assertThat(readFrom(engine, null)).extracting(TestStore::positionOf).containsExactly(1L, 3L);
    }

    /** The slow writer's commit lands just as the reader finds the hole timed out: it is delivered whole, in order. */
    @Test
    void aCommitThatLandsAsItsHoleIsBurnedIsDeliveredWholeAndInOrder() {
        AtomicBoolean lateWriterDue = new AtomicBoolean();
        engine = store.engineBuilder(100).holeTimeout(HOLE_TIMEOUT).nanoClock(() -> {
            if (lateWriterDue.getAndSet(false)) {   // the reader looks at the clock after the read that found the hole
                insertLateCommit(2, List.of(new Deposited("late", BigDecimal.ONE),
                        new Deposited("late", BigDecimal.TEN)));
            }
            return clock.get();
        }).build();
        eventBeforeAndAfterAHoleOfTwoPositions();
        readFrom(engine, null);                                   // the reader first sees the hole
        clock.addAndGet(HOLE_TIMEOUT.toNanos());
        lateWriterDue.set(true);

        List<TrackedEventMessage<?>> read = readFrom(engine, null);

        assertThat(lateWriterDue).isFalse();
        assertThat(read).extracting(TestStore::aggregateOf).containsExactly("a", "late", "late", "b");
        assertThat(read).extracting(TestStore::positionOf).containsExactly(1L, 2L, 3L, 4L);
        assertThat(engine.readEvents("late").asStream()).hasSize(2);
        // a replay reads the commit whole too, though a marker covers its first position
        assertThat(engine.readContiguous(0, 4).map(TestStore::positionOf).toList()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aCommitThatFillsAHoleBeforeTheTimeoutIsDeliveredInOrder() {
        eventBeforeAndAfterAHoleOfTwoPositions();
        assertThat(readFrom(engine, null)).hasSize(1);

        insertLateCommit(2, List.of(new Deposited("late", BigDecimal.ONE), new Deposited("late", BigDecimal.TEN)));

        assertThat(readFrom(engine, null)).extracting(TestStore::aggregateOf).containsExactly("a", "late", "late", "b");
    }

    /**
     * A writer that died after taking positions 2 and 3, with nothing after them yet: a read looks again for that
     * commit for a moment, then ends there, as at a hole; it used to look again at once for as long as nothing
     * followed. The hole timeout counts from that first sighting: a commit that comes after it once the timeout has
     * passed is delivered at once, the hole burned.
     */
    @Test
    void aReadEndsBeforePositionsThatStayInFlightAndTheHoleTimeoutCountsFromThen() {
        OrderedMongoEventStorageEngine ticking = store.engineBuilder(100).holeTimeout(HOLE_TIMEOUT)
                .nanoClock(() -> clock.addAndGet(1_000_000)).build(); // a millisecond passes at every look
        ticking.appendEvents(List.of(deposited("a", 0)));
        store.database.getCollection("counters").updateOne(Filters.eq("_id", "events"), Updates.inc("position", 2L));

        List<TrackedEventMessage<?>> beforeHole = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> readFrom(ticking, null));
        clock.addAndGet(HOLE_TIMEOUT.toNanos());
        ticking.appendEvents(List.of(deposited("b", 0)));
        List<TrackedEventMessage<?>> afterHole = readFrom(ticking, beforeHole.get(0).trackingToken());

        assertThat(beforeHole).extracting(TestStore::aggregateOf).containsExactly("a");
        assertThat(afterHole).extracting(TestStore::aggregateOf).containsExactly("b");
        assertThat(afterHole.get(0).trackingToken()).isEqualTo(GapAwareTrackingToken.newInstance(4, List.of()));
    }

    /** Writes the commit a slow writer would have written for positions {@code first..}, one event each. */
    private void insertLateCommit(long first, List<Deposited> payloads) {
        List<Document> events = new ArrayList<>();
        List<String> streams = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            Deposited payload = payloads.get(i);
            events.add(new Document("position", first + i)
                    .append("aggregateType", TestStore.ACCOUNT)
                    .append("aggregateIdentifier", payload.accountId())
                    .append("sequenceNumber", (long) i)
                    .append("eventIdentifier", UUID.randomUUID().toString())
                    .append("timestamp", Instant.now().toString())
                    .append("payloadType", Deposited.class.getName())
                    .append("payloadRevision", "1")
                    .append("payload", "{\"accountId\":\"" + payload.accountId() + "\",\"amount\":" + payload.amount() + "}")
                    .append("metaData", "{}"));
            streams.add(payload.accountId() + ":" + i);            // every event claims aggregateId:sequence
        }
        long last = first + payloads.size() - 1;
        store.database.getCollection("events").insertOne(new Document("_id", last)
                .append("first", first)
                .append("count", payloads.size())
                .append("committedAt", OrderedMongoEventStorageEngine.timeKey(Instant.now()))
                .append("streams", streams)
                .append("events", events));
    }
}
