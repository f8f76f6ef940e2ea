package org.tradeoffs.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tradeoffs.eventstore.TestStore.deposited;

class AggregateStreamTest {

    private final TestStore store = new TestStore();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anAggregateReadsBackItsEventsInSequenceOrderWithTheirPayloads() {
        OrderedMongoEventStorageEngine engine = store.engine(100);
        engine.appendEvents(List.of(deposited("a", 0), deposited("a", 1)));
        engine.appendEvents(List.of(deposited("other", 0)));
        engine.appendEvents(List.of(deposited("a", 2)));

        List<? extends DomainEventMessage<?>> events = engine.readEvents("a").asStream().toList();

        assertThat(events).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(events).extracting(DomainEventMessage::getAggregateIdentifier).containsOnly("a");
        assertThat(events).extracting(DomainEventMessage::getType).containsOnly(TestStore.ACCOUNT);
        assertThat(events.get(2).getPayload()).isEqualTo(new Deposited("a", new BigDecimal("3")));
    }

    @Test
    void anAggregateWithMoreCommitsThanTheKeyWindowAndMoreEventsThanABatchReadsBackCompletely() {
        OrderedMongoEventStorageEngine engine = store.engine(10);
        long sequence = 0;
        for (int commit = 0; commit < 45; commit++) {          // 45 single-event commits, more than the 32-key window
            engine.appendEvents(List.of(deposited("a", sequence++)));
            engine.appendEvents(List.of(deposited("noise-" + commit, 0)));
        }
        engine.appendEvents(LongStream.range(sequence, sequence + 40)   // one commit larger than the window
                .mapToObj(s -> deposited("a", s)).toList());
        sequence += 40;
        for (int commit = 0; commit < 5; commit++) {
            engine.appendEvents(List.of(deposited("a", sequence++), deposited("a", sequence++)));
        }

        List<Long> sequences = engine.readEvents("a").asStream().map(DomainEventMessage::getSequenceNumber).toList();

        assertThat(sequences).containsExactlyElementsOf(LongStream.range(0, sequence).boxed().toList());
    }

    @Test
    void readingFromASnapshotSequenceReturnsOnlyTheLaterEvents() {
        OrderedMongoEventStorageEngine engine = store.engine(100);
        for (long s = 0; s < 40; s++) {
            engine.appendEvents(List.of(deposited("a", s)));
        }

        List<Long> sequences = engine.readEvents("a", 35).asStream().map(DomainEventMessage::getSequenceNumber).toList();

        assertThat(sequences).containsExactly(35L, 36L, 37L, 38L, 39L);
    }

    @Test
    void readingFromASequenceInsideACommitReturnsTheRestOfThatCommitAndEveryLaterCommit() {
        OrderedMongoEventStorageEngine engine = store.engine(100);
        engine.appendEvents(List.of(deposited("a", 0), deposited("a", 1), deposited("a", 2)));
        engine.appendEvents(List.of(deposited("a", 3)));
        engine.appendEvents(List.of(deposited("a", 4), deposited("a", 5)));

        assertThat(engine.readEvents("a", 1).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(engine.readEvents("a", 5).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(5L);
    }

    @Test
    void readingPastTheLastEventOfAnAggregateReturnsNothing() {
        OrderedMongoEventStorageEngine engine = store.engine(100);
        engine.appendEvents(List.of(deposited("a", 0), deposited("a", 1)));

        assertThat(engine.readEvents("a", 2).asStream()).isEmpty();
        assertThat(engine.readEvents("unknown").asStream()).isEmpty();
        assertThat(engine.lastSequenceNumberFor("a")).contains(1L);
    }
}
