package org.tradeoffs.eventstore;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotTest {

    private final TestStore store = new TestStore();
    private final OrderedMongoEventStorageEngine engine = store.engine(100);

    @AfterEach
    void close() {
        store.close();
    }

    private static DomainEventMessage<AccountSnapshot> snapshot(String accountId, long sequence, String balance) {
        return new GenericDomainEventMessage<>(TestStore.ACCOUNT, accountId, sequence,
                new AccountSnapshot(accountId, new BigDecimal(balance)));
    }

    @Test
    void aStoredSnapshotIsReadBack() {
        engine.storeSnapshot(snapshot("a", 9, "100.50"));

        DomainEventMessage<?> read = engine.readSnapshot("a").orElseThrow();

        assertThat(read.getSequenceNumber()).isEqualTo(9L);
        assertThat(read.getAggregateIdentifier()).isEqualTo("a");
        assertThat(read.getType()).isEqualTo(TestStore.ACCOUNT);
        assertThat(read.getPayload()).isEqualTo(new AccountSnapshot("a", new BigDecimal("100.50")));
        assertThat(engine.readSnapshot("b")).isEmpty();
    }

    @Test
    void aNewerSnapshotReplacesAnOlderOne() {
        engine.storeSnapshot(snapshot("a", 4, "1"));
        engine.storeSnapshot(snapshot("a", 9, "2"));

        assertThat(engine.readSnapshot("a").orElseThrow().getSequenceNumber()).isEqualTo(9L);
    }

    @Test
    void anOlderSnapshotDoesNotOverwriteANewerOne() {
        engine.storeSnapshot(snapshot("a", 9, "2"));
        engine.storeSnapshot(snapshot("a", 4, "1"));
        engine.storeSnapshot(snapshot("a", 9, "3"));

        DomainEventMessage<?> read = engine.readSnapshot("a").orElseThrow();
        assertThat(read.getSequenceNumber()).isEqualTo(9L);
        assertThat(read.getPayload()).isEqualTo(new AccountSnapshot("a", new BigDecimal("2")));
    }
}
