package org.tradeoffs.eventstore;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tradeoffs.eventstore.TestStore.deposited;

class AppendReceiptTest {

    private final TestStore store = new TestStore();
    private final OrderedMongoEventStorageEngine engine = store.engine(100);
    private final EmbeddedEventStore eventStore = store.eventStore(engine);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void afterCommitTheReceiptHasTheLastPositionAndEveryWrittenAggregatesVersion() {
        engine.appendEvents(List.of(deposited("earlier", 0), deposited("earlier", 1)));     // positions 1..2
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        eventStore.publish(deposited("a", 0), deposited("a", 1), deposited("b", 0));        // positions 3..5
        unitOfWork.commit();

        AppendReceipt receipt = AppendReceipt.of(unitOfWork);
        assertThat(receipt.lastPosition()).hasValue(5L);
        assertThat(receipt.versionOf("a")).hasValue(2L);
        assertThat(receipt.versionOf("b")).hasValue(1L);
        assertThat(receipt.versionOf("earlier")).isEmpty();
    }

    @Test
    void aUnitOfWorkThatAppendsNothingHasAnEmptyReceipt() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.commit();

        assertThat(AppendReceipt.of(unitOfWork).lastPosition()).isEmpty();
    }
}
