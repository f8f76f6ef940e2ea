package org.tradeoffs.eventstore;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.tradeoffs.eventstore.TestStore.deposited;
import static org.tradeoffs.eventstore.TestStore.readFrom;

class TrackingStreamTest {

    private final TestStore store = new TestStore();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aTrackingReaderGetsEveryEventOnceInGlobalOrderWithPositionsOneToN() {
        OrderedMongoEventStorageEngine engine = store.engine(7);
        List<String> appended = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            List<EventMessage<?>> commit = List.of(deposited("a", 2L * round), deposited("b", round),
                    deposited("a", 2L * round + 1));
            commit.forEach(e -> appended.add(e.getIdentifier()));
            engine.appendEvents(commit);
        }
        EventMessage<?> withoutAggregate = GenericEventMessage.asEventMessage(new Deposited("none", BigDecimal.ONE));
        engine.appendEvents(List.of(withoutAggregate));
        appended.add(withoutAggregate.getIdentifier());

        List<TrackedEventMessage<?>> read = readFrom(engine, null);

        assertThat(read).extracting(EventMessage::getIdentifier).containsExactlyElementsOf(appended);
        assertThat(read).extracting(TestStore::positionOf)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, appended.size()).boxed().toList());
        assertThat(read.get(read.size() - 1).getPayload()).isEqualTo(new Deposited("none", BigDecimal.ONE));
    }

    /** Axon's stream would read once more to find nothing: for every poll of the event store's producer. */
    @Test
    void aReadUpToTheHeadAsksForTheHeadPositionAndTheEventsAndNothingMore() {
        List<String> commands = new CopyOnWriteArrayList<>();
        try (TestStore counted = new TestStore(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                commands.add(event.getCommandName() + " " + event.getCommand().getString(event.getCommandName())
                        .getValue());
            }
        })) {
            OrderedMongoEventStorageEngine engine = counted.engine(100);
            engine.appendEvents(List.of(deposited("a", 0), deposited("a", 1)));
            engine.appendEvents(List.of(deposited("b", 0)));
            commands.clear();

            assertThat(readFrom(engine, null)).hasSize(3);
            assertThat(commands).containsExactly("find counters", "find events");
        }
    }

    @Test
    void resumingFromATokenInsideACommitYieldsExactlyTheRestOfIt() {
        OrderedMongoEventStorageEngine engine = store.engine(100);
        engine.appendEvents(List.of(deposited("a", 0), deposited("a", 1), deposited("a", 2)));
        engine.appendEvents(List.of(deposited("b", 0)));
        List<TrackedEventMessage<?>> all = readFrom(engine, null);

        List<TrackedEventMessage<?>> rest = readFrom(engine, all.get(1).trackingToken());

        assertThat(rest).extracting(EventMessage::getIdentifier)
                .containsExactly(all.get(2).getIdentifier(), all.get(3).getIdentifier());
    }

    @Test
    void resumingInsideACommitLargerThanTheBatchSizeYieldsExactlyTheRestOfIt() {
        OrderedMongoEventStorageEngine engine = store.engine(2);
        engine.appendEvents(LongStream.range(0, 6).mapToObj(s -> deposited("a", s)).toList());
        engine.appendEvents(List.of(deposited("b", 0)));
        List<TrackedEventMessage<?>> all = readFrom(engine, null);
        assertThat(all).hasSize(7);

        assertThat(readFrom(engine, all.get(1).trackingToken())).extracting(TestStore::positionOf)
                .containsExactly(3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void theTailTokenStartsBeforeTheFirstEvent() {
        OrderedMongoEventStorageEngine engine = store.engine(100);
        engine.appendEvents(List.of(deposited("a", 0), deposited("a", 1)));

        assertThat(readFrom(engine, engine.createTailToken())).hasSize(2);
    }

    @Test
    void theHeadTokenSkipsEverythingStoredAndSeesWhatComesAfter() {
        OrderedMongoEventStorageEngine engine = store.engine(100);
        assertThat(readFrom(engine, engine.createHeadToken())).isEmpty();
        engine.appendEvents(List.of(deposited("a", 0), deposited("a", 1)));

        TrackingToken head = engine.createHeadToken();
        engine.appendEvents(List.of(deposited("a", 2)));

        assertThat(head).isEqualTo(GapAwareTrackingToken.newInstance(2, List.of()));
        assertThat(readFrom(engine, head)).extracting(TestStore::sequenceOf).containsExactly(2L);
    }

    @Test
    void aTokenAtAPointInTimeTracksTheEventsCommittedFromThatTimeOn() {
        OrderedMongoEventStorageEngine engine = store.engine(100);
        engine.appendEvents(List.of(deposited("a", 0), deposited("a", 1)));
        Instant between = Instant.now();
        await().until(() -> Instant.now().isAfter(between));
        engine.appendEvents(List.of(deposited("a", 2)));

        assertThat(readFrom(engine, engine.createTokenAt(between))).extracting(TestStore::sequenceOf).containsExactly(2L);
        assertThat(engine.createTokenAt(Instant.now().plusSeconds(60))).isEqualTo(engine.createHeadToken());
        assertThat(readFrom(engine, engine.createTokenAt(Instant.EPOCH))).hasSize(3);
    }

    @Test
    void aTokenAtAWholeSecondIncludesEventsCommittedLaterInThatSecond() {
        OrderedMongoEventStorageEngine engine = store.engine(100);
        Instant wholeSecond = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        engine.appendEvents(List.of(deposited("a", 0)));

        assertThat(readFrom(engine, engine.createTokenAt(wholeSecond))).extracting(TestStore::sequenceOf).containsExactly(0L);
    }
}
