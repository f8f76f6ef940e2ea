package org.tradeoffs.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tradeoffs.eventstore.TestStore.deposited;
import static org.tradeoffs.eventstore.TestStore.positionOf;
import static org.tradeoffs.eventstore.TestStore.readFrom;

class OptimisticConcurrencyTest {

    private final TestStore store = new TestStore();

    @AfterEach
    void close() {
        store.close();
    }

    /** A clock that never moves: any wait for a hole would last forever, so reads that succeed did not wait. */
    private OrderedMongoEventStorageEngine engineWithFrozenClock(int batchSize) {
        OrderedMongoEventStorageEngine engine = store.engineBuilder(batchSize).nanoClock(() -> 0L).build();
        engine.ensureIndexes();
        return engine;
    }

    @Test
    void appendingAtAnAlreadyUsedSequenceNumberFailsWithAConcurrencyExceptionAndStoresNothing() {
        OrderedMongoEventStorageEngine engine = engineWithFrozenClock(100);
        engine.appendEvents(List.of(deposited("a", 0), deposited("a", 1)));
        DomainEventMessage<Deposited> stale = deposited("a", 1);

        assertThatThrownBy(() -> engine.appendEvents(List.of(stale))).isInstanceOf(ConcurrencyException.class);

        assertThat(engine.readEvents("a").asStream().map(EventMessage::getIdentifier))
                .hasSize(2).doesNotContain(stale.getIdentifier());
        assertThat(readFrom(engine, null)).extracting(EventMessage::getIdentifier)
                .hasSize(2).doesNotContain(stale.getIdentifier());
    }

    @Test
    void creatingAnAggregateStreamThatAlreadyExistsFailsWithAnAggregateStreamCreationException() {
        OrderedMongoEventStorageEngine engine = engineWithFrozenClock(100);
        engine.appendEvents(List.of(deposited("a", 0)));

        assertThatThrownBy(() -> engine.appendEvents(List.of(deposited("a", 0))))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(engine.readEvents("a").asStream()).hasSize(1);
    }

    @Test
    void aConflictingMultiEventAppendStoresNoneOfItsEvents() {
        OrderedMongoEventStorageEngine engine = engineWithFrozenClock(100);
        engine.appendEvents(List.of(deposited("a", 0), deposited("a", 1)));
        List<DomainEventMessage<Deposited>> conflicting = List.of(deposited("a", 1), deposited("a", 2), deposited("a", 3));

        assertThatThrownBy(() -> engine.appendEvents(conflicting)).isInstanceOf(ConcurrencyException.class);

        List<String> conflictingIds = conflicting.stream().map(EventMessage::getIdentifier).toList();
        assertThat(engine.readEvents("a").asStream().map(DomainEventMessage::getSequenceNumber)).containsExactly(0L, 1L);
        assertThat(readFrom(engine, null)).extracting(EventMessage::getIdentifier).doesNotContainAnyElementsOf(conflictingIds);
    }

    @Test
    void aCommitSpanningTwoAggregatesIsRejectedWholeWhenOnlyOneOfThemConflicts() {
        OrderedMongoEventStorageEngine engine = engineWithFrozenClock(100);
        engine.appendEvents(List.of(deposited("a", 0), deposited("a", 1)));
        engine.appendEvents(List.of(deposited("b", 0)));

        assertThatThrownBy(() -> engine.appendEvents(List.of(deposited("b", 1), deposited("a", 1))))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(engine.readEvents("b").asStream().map(DomainEventMessage::getSequenceNumber)).containsExactly(0L);
        assertThat(readFrom(engine, null)).extracting(TestStore::aggregateOf).containsExactly("a", "a", "b");
    }

    @Test
    void aFailedAppendDoesNotMakeTrackingReadersWaitForItsPositions() {
        OrderedMongoEventStorageEngine engine = engineWithFrozenClock(100);
        engine.appendEvents(List.of(deposited("a", 0)));
        assertThatThrownBy(() -> engine.appendEvents(List.of(deposited("a", 0), deposited("a", 1), deposited("a", 2))))
                .isInstanceOf(AggregateStreamCreationException.class);
        engine.appendEvents(List.of(deposited("b", 0)));

        List<TrackedEventMessage<?>> read = readFrom(engine, null);

        assertThat(read).extracting(TestStore::aggregateOf).containsExactly("a", "b");
        assertThat(read).extracting(TestStore::positionOf).containsExactly(1L, 5L);
    }

    @Test
    void aFailedAppendLargerThanTheBatchSizeDoesNotStallTrackingReaders() {
        OrderedMongoEventStorageEngine engine = engineWithFrozenClock(2);
        engine.appendEvents(List.of(deposited("a", 0)));
        assertThatThrownBy(() -> engine.appendEvents(List.of(deposited("a", 0), deposited("a", 1), deposited("a", 2))))
                .isInstanceOf(AggregateStreamCreationException.class);
        engine.appendEvents(List.of(deposited("b", 0)));

        TrackedEventMessage<?> first = readFrom(engine, null).get(0);
        List<TrackedEventMessage<?>> rest = readFrom(engine, first.trackingToken());

        assertThat(rest).extracting(TestStore::aggregateOf).containsExactly("b");
    }

    @Test
    void moreFailedAppendsInARowThanABatchDoNotStallTrackingReaders() {
        OrderedMongoEventStorageEngine engine = engineWithFrozenClock(5);
        engine.appendEvents(List.of(deposited("a", 0)));
        for (int attempt = 0; attempt < 12; attempt++) {
            assertThatThrownBy(() -> engine.appendEvents(List.of(deposited("a", 0))))
                    .isInstanceOf(AggregateStreamCreationException.class);
        }
        engine.appendEvents(List.of(deposited("b", 0)));

        List<TrackedEventMessage<?>> received = new ArrayList<>(readFrom(engine, null));
        received.addAll(readFrom(engine, received.get(received.size() - 1).trackingToken()));

        assertThat(received).extracting(TestStore::aggregateOf).containsExactly("a", "b");
        assertThat(positionOf(received.get(1))).isEqualTo(14L);
    }
}
